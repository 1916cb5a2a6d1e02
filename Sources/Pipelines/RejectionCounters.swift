/// Datagrams dropped before reaching a stream, counted by reason (snake_case keys such as
/// `too_short`, `bad_version`, `oversize`, `unexpected_payload_type`, `stream_table_full`).
public struct RejectionCounters: Sendable, Equatable, Codable {
    public private(set) var byReason: [String: Int] = [:]

    public init() {}

    public mutating func count(_ reason: String) { byReason[reason, default: 0] += 1 }

    public var total: Int { byReason.values.reduce(0, +) }

    public subscript(reason: String) -> Int { byReason[reason] ?? 0 }
}
