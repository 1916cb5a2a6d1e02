import Foundation

/// One JSON file given to `jitterbug stats`, reduced to its numeric fields by dotted path
/// (e.g. `jitter_ms`, `one_way_delay.p99`, `udp.latency_p99_ms`).
///
/// Objects are flattened; arrays, strings, booleans and nulls are left out (arrays are sweeps and
/// per-packet records, not summary figures). Compare JSON (`kind` = "jitterbug-compare") is keyed
/// by path per block: `udp.…`/`tcp.…` with one block, `<block label>.udp.…` with several; its
/// per-packet records and `version` are left out.
public struct StatsDocument: Sendable, Equatable {
    /// Column name (usually the file name).
    public var name: String
    /// Whether the document was compare JSON.
    public var isComparison: Bool
    /// Numeric fields by dotted path.
    public var fields: [String: Double]

    public init(name: String, isComparison: Bool = false, fields: [String: Double]) {
        self.name = name
        self.isComparison = isComparison
        self.fields = fields
    }

    /// Parses `jsonData`; throws `CompareError.unreadableDocument` when it is not a JSON object.
    public init(name: String, jsonData: Data) throws(CompareError) {
        let value: StatsJSONValue
        do {
            value = try JSONDecoder().decode(StatsJSONValue.self, from: jsonData)
        } catch {
            throw .unreadableDocument(name: name, reason: "\(error)")
        }
        guard case let .object(members) = value else { throw .unreadableDocument(name: name, reason: "top level is not an object") }
        var fields: [String: Double] = [:]
        let isComparison = members["kind"] == .string(ComparisonReport.kind)
        if isComparison {
            let blocks: [StatsJSONValue]
            if case let .array(list)? = members["blocks"] { blocks = list } else { blocks = [] }
            for (index, block) in blocks.enumerated() {
                guard case let .object(blockMembers) = block else { continue }
                var prefix = ""
                if blocks.count > 1 {
                    if case let .string(label)? = blockMembers["label"] { prefix = label + "." } else { prefix = "block\(index + 1)." }
                }
                let kept = blockMembers.filter { $0.key != "udp_packets" && $0.key != "tcp_packets" }
                Self.flatten(.object(kept), prefix: prefix, into: &fields)
            }
        } else {
            Self.flatten(value, prefix: "", into: &fields)
        }
        self.init(name: name, isComparison: isComparison, fields: fields)
    }

    static func flatten(_ value: StatsJSONValue, prefix: String, into fields: inout [String: Double]) {
        switch value {
        case let .number(number) where !prefix.isEmpty:
            fields[String(prefix.dropLast())] = number
        case let .object(members):
            for (key, member) in members { flatten(member, prefix: prefix + key + ".", into: &fields) }
        default:
            break
        }
    }
}
