import Foundation

/// Top-level compare JSON (docs/compare-json.md): `kind`, `version`, `settings`, `blocks`.
extension ComparisonReport: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, version, settings, blocks
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        guard kind == Self.kind else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "not compare JSON: kind \(kind)")
        }
        self.init(
            settings: try container.decodeIfPresent([String: String].self, forKey: .settings) ?? [:],
            blocks: try container.decode([ComparisonBlock].self, forKey: .blocks)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.kind, forKey: .kind)
        try container.encode(Self.formatVersion, forKey: .version)
        try container.encode(settings, forKey: .settings)
        try container.encode(blocks, forKey: .blocks)
    }

    /// Pretty-printed JSON with sorted keys, ending in a newline. `includingPackets: false` drops
    /// the per-packet records (`udp_packets`/`tcp_packets`).
    public func jsonData(includingPackets: Bool = true) throws -> Data {
        var report = self
        if !includingPackets {
            for index in report.blocks.indices {
                report.blocks[index].udpMeasurement = nil
                report.blocks[index].tcpMeasurement = nil
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(report) + Data("\n".utf8)
    }

    /// Reads JSON written by `jsonData`.
    public static func decode(jsonData: Data) throws -> ComparisonReport {
        try JSONDecoder().decode(ComparisonReport.self, from: jsonData)
    }
}
