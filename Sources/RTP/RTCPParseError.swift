/// Why an RTCP compound datagram was rejected. Each case is a counter key (see ``reason``).
public enum RTCPParseError: Error, Sendable, Hashable, CaseIterable {
    /// Empty datagram, or fewer than 4 bytes left where a packet header should start.
    case tooShort
    /// A packet's version field is not 2.
    case badVersion
    /// A packet's length field (× 4 + 4 bytes) points past the end of the datagram.
    case lengthOverrun
    /// P bit set on a packet that is not the last one in the compound (RFC 3550 §6.4.1).
    case paddingNotLast
    /// Padding count is 0 or larger than the packet body.
    case badPadding
    /// SR/RR body shorter than its fixed part plus the declared report blocks.
    case truncatedReport
    /// SDES chunk or item runs past the packet, or a chunk is missing.
    case malformedSourceDescription
    /// BYE SSRC list or reason runs past the packet.
    case malformedGoodbye
    /// XR missing its SSRC, or a report block header/length runs past the packet.
    case malformedExtendedReport

    /// Short snake_case label, stable for use as a metrics counter key.
    public var reason: String {
        switch self {
        case .tooShort: "too_short"
        case .badVersion: "bad_version"
        case .lengthOverrun: "length_overrun"
        case .paddingNotLast: "padding_not_last"
        case .badPadding: "bad_padding"
        case .truncatedReport: "truncated_report"
        case .malformedSourceDescription: "malformed_sdes"
        case .malformedGoodbye: "malformed_bye"
        case .malformedExtendedReport: "malformed_xr"
        }
    }
}
