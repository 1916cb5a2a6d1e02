/// Errors of RFC 4571 framing and deframing.
public enum RFC4571Error: Error, Sendable, Hashable, CaseIterable {
    /// Payload longer than 65 535 bytes cannot be framed.
    case frameTooLarge
    /// Appending would exceed the deframer's buffer cap (peer is sending faster than we read,
    /// or the stream is not RFC 4571). The appended bytes were not taken.
    case bufferCapExceeded

    /// Short snake_case label for counters.
    public var reason: String {
        switch self {
        case .frameTooLarge: "frame_too_large"
        case .bufferCapExceeded: "buffer_cap_exceeded"
        }
    }
}
