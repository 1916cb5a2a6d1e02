/// Why an RFC 4571 byte stream was rejected. The connection that produced it should be closed:
/// TCP offers no way to resynchronise on a frame boundary.
public enum RFC4571FrameDecoderError: Error, Sendable, Hashable, CaseIterable {
    /// More than the per-connection cap of bytes were buffered without completing a frame, or a
    /// length prefix announced a frame that could never fit under the cap.
    case bufferCapExceeded
    /// A complete frame whose first byte is not RTP/RTCP version 2 (`0b10xx_xxxx`): the stream
    /// is not RTP over RFC 4571 (HTTP, TLS, random bytes...).
    case notRTPVersion2

    /// Short snake_case label for counters and logs.
    public var reason: String {
        switch self {
        case .bufferCapExceeded: "buffer_cap_exceeded"
        case .notRTPVersion2: "not_rtp_version_2"
        }
    }
}
