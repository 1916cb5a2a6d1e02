/// Errors of RFC 4571 framing and deframing. A receive error means the byte stream cannot be
/// resynchronised on a frame boundary: close the connection.
public enum RFC4571Error: Error, Sendable, Hashable, CaseIterable {
    /// Payload longer than 65 535 bytes cannot be framed.
    case frameTooLarge
    /// More than the buffer cap would be held without completing a frame (peer is sending faster
    /// than we read, or the stream is not RFC 4571), or a length prefix announced a frame that
    /// could never fit under the cap.
    case bufferCapExceeded
    /// A complete frame whose first byte is not RTP/RTCP version 2 (`0b10xx_xxxx`): the stream
    /// is not RTP over RFC 4571 (HTTP, TLS, random bytes...). Only with the version check on.
    case notRTPVersion2

    /// Short snake_case label for counters.
    public var reason: String {
        switch self {
        case .frameTooLarge: "frame_too_large"
        case .bufferCapExceeded: "buffer_cap_exceeded"
        case .notRTPVersion2: "not_rtp_version_2"
        }
    }
}
