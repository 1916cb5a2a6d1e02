/// One packet waiting in a ``PcapWriterQueue``: its metadata; the bytes are in the batch's byte
/// store at `payloadStart ..< payloadStart + payloadCount`.
struct PcapWriterQueueEntry {
    var timestampNanoseconds: Int64
    var source: PcapWriterEndpoint
    var destination: PcapWriterEndpoint
    /// The TCP listener's connection number; `nil` for a UDP datagram.
    var connectionID: Int?
    var payloadStart: Int
    var payloadCount: Int
}
