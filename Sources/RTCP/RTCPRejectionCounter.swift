import RTP

/// Incoming RTCP that was rejected or ignored, counted by snake_case reason.
///
/// Keys: every ``RTCPParseError/reason`` (whole compound dropped), plus ``unknownPacketType``
/// (one packet skipped, e.g. APP or RTPFB), ``unknownSSRC`` (a report block, XR block or BYE
/// about a source we do not know, ignored), ``sourceTableFull`` and ``notRTCP``.
public struct RTCPRejectionCounter: Sendable, Equatable, Hashable {
    /// A packet type this implementation does not handle (counted per packet, compound kept).
    public static let unknownPacketType = "unknown_packet_type"
    /// A report about an SSRC that is neither ours nor a known source.
    public static let unknownSSRC = "unknown_ssrc"
    /// A new source was refused because the source table is at its limit.
    public static let sourceTableFull = "source_table_full"
    /// The datagram's second byte is not an RTCP packet type (RFC 5761 §4).
    public static let notRTCP = "not_rtcp"

    /// Count per reason.
    public private(set) var byReason: [String: Int] = [:]

    public init() {}

    /// Adds one occurrence of `reason`.
    public mutating func count(_ reason: String) { byReason[reason, default: 0] += 1 }

    /// Adds one occurrence of a parse error's reason.
    public mutating func count(_ error: RTCPParseError) { count(error.reason) }

    /// Total over all reasons.
    public var total: Int { byReason.values.reduce(0, +) }

    /// Count for one reason (0 if never seen).
    public subscript(reason: String) -> Int { byReason[reason] ?? 0 }
}
