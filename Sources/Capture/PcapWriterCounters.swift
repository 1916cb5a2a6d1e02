/// What a ``PcapWriterQueue`` did with the packets handed to it. Every packet handed over ends
/// as written or dropped: `packets + dropped` = packets handed over (once closed).
public struct PcapWriterCounters: Sendable, Equatable, Codable {
    /// UDP datagrams and RFC 4571 frames written to the file (`capture_packets`).
    public var packets = 0
    /// Their bytes: UDP payloads, RFC 4571 frames without their 2-byte length (`capture_bytes`).
    public var bytes: Int64 = 0
    /// Packets not written: the queue was full (the disk fell behind), a write failed, or they
    /// came after the capture closed (`capture_dropped`).
    public var dropped = 0
    /// The file's size in bytes once closed: pcap headers and synthesized packets.
    public var fileBytes: Int64 = 0
    /// The first write error, if any; later packets count as dropped.
    public var error: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case packets = "capture_packets"
        case bytes = "capture_bytes"
        case dropped = "capture_dropped"
        case fileBytes = "capture_file_bytes"
        case error = "capture_error"
    }
}
