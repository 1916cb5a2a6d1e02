/// Packets handed to a ``PcapWriterQueue`` and not yet taken by its writer thread. Two batches
/// swap places (the receive path fills one while the writer empties the other), so in steady
/// state no memory is allocated per packet.
struct PcapWriterQueueBatch {
    var entries: [PcapWriterQueueEntry] = []
    var bytes: [UInt8] = []

    init(capacityPackets: Int, capacityBytes: Int) {
        entries.reserveCapacity(capacityPackets)
        bytes.reserveCapacity(capacityBytes)
    }

    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
    }
}
