/// How a captured packet travelled.
public enum CaptureTransport: String, Hashable, Sendable, Codable {
    case udp
    /// An RFC 4571 frame from a reassembled TCP byte stream.
    case tcp
}
