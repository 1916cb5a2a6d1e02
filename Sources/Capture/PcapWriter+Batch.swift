extension PcapWriter {
    /// Writes every packet of `batch` in order, stopping at the first failure: its text.
    func write(batch: PcapWriterQueueBatch) -> String? {
        batch.bytes.withUnsafeBytes { bytes in
            for entry in batch.entries {
                let payload = UnsafeRawBufferPointer(
                    rebasing: bytes[entry.payloadStart..<entry.payloadStart + entry.payloadCount])
                do throws(PcapWriterError) {
                    if let connection = entry.connectionID {
                        try writeTCPFrame(
                            timestampNanoseconds: entry.timestampNanoseconds, connectionID: connection,
                            source: entry.source, destination: entry.destination, frame: payload)
                    } else {
                        try writeUDP(
                            timestampNanoseconds: entry.timestampNanoseconds, source: entry.source,
                            destination: entry.destination, payload: payload)
                    }
                } catch {
                    return "\(error)"
                }
            }
            return nil
        }
    }
}
