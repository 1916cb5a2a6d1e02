/// Why an RTP packet was rejected. Each case is a distinct counter key (see ``reason``).
public enum RTPParseError: Error, Sendable, Hashable, CaseIterable {
    /// Fewer than the 12 fixed header bytes.
    case tooShort
    /// Version field is not 2.
    case badVersion
    /// Datagram longer than ``RTPParseLimits/maxPacketBytes``.
    case oversize
    /// Payload type 72...76: reserved so RTP cannot be confused with RTCP SR/RR/SDES/BYE/APP
    /// under rtcp-mux (RFC 5761 §4, RFC 3551 §6).
    case reservedPayloadType
    /// The CSRC count points past the end of the datagram.
    case csrcOverrun
    /// The X bit is set but the extension header or its declared length does not fit.
    case extensionOverrun
    /// An RFC 8285 element inside the extension block declares more data than the block holds.
    case malformedExtension
    /// The P bit is set but the padding count is 0 or larger than the bytes after the header.
    case badPadding
    /// No payload octets remain (only rejected when ``RTPParseLimits/allowsEmptyPayload`` is false).
    case emptyPayload

    /// Short snake_case label, stable for use as a metrics counter key.
    public var reason: String {
        switch self {
        case .tooShort: "too_short"
        case .badVersion: "bad_version"
        case .oversize: "oversize"
        case .reservedPayloadType: "reserved_payload_type"
        case .csrcOverrun: "csrc_overrun"
        case .extensionOverrun: "extension_overrun"
        case .malformedExtension: "malformed_extension"
        case .badPadding: "bad_padding"
        case .emptyPayload: "empty_payload"
        }
    }
}
