import JitterbugSupport

extension SenderSummary {
    /// `send --streams N`'s per-stream lines for people: one line per stream up to
    /// ``ReceiverSummary/listedStreamLimit``, otherwise the first ones and a line with the
    /// fewest and most packets any stream sent, so an uneven stream cannot hide. `nil` for one stream.
    public var streamList: String? {
        guard let streams, streams.count > 1 else { return nil }
        let limit = ReceiverSummary.listedStreamLimit
        var lines = streams.prefix(limit).map { "  ssrc \($0.ssrc.hex): \($0.packets) packets, \($0.bytes) bytes" }
        if streams.count > limit {
            let packets = streams.map(\.packets)
            lines.append("  … \(streams.count - limit) more streams; every stream sent \(packets.min() ?? 0) to \(packets.max() ?? 0) packets")
        }
        return lines.joined(separator: "\n")
    }
}
