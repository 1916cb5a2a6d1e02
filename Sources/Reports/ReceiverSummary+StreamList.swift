import JitterbugSupport

extension ReceiverSummary {
    /// Most streams listed one line each in the text summary; past this, the worst ones by loss.
    public static let listedStreamLimit = 20

    /// Every stream's line when there was more than one stream, for people: one line per stream
    /// up to ``listedStreamLimit``, otherwise the ``listedStreamLimit`` worst by loss, then an
    /// aggregate line over all of them. `nil` for a single stream (the detail table says it all).
    ///
    /// The aggregate sums the streams kept in ``streams`` (every stream, unless more than the
    /// receiver keeps — then the line says how many are not in it).
    public var streamList: String? {
        guard streamCount > 1, let streams, !streams.isEmpty else { return nil }
        let limit = Self.listedStreamLimit
        let shown: [ReceiverSummary]
        let title: String
        if streams.count <= limit {
            shown = streams
            title = "\(streamCount) streams"
        } else {
            shown = streams.enumerated()
                .sorted { ($0.element.lostPercent, $0.element.lostPackets, -$0.offset) > ($1.element.lostPercent, $1.element.lostPackets, -$1.offset) }
                .prefix(limit).map(\.element)
            title = "\(streamCount) streams, the \(limit) with the most loss"
        }
        var rows = [Self.streamHeader] + shown.map(Self.streamRow)
        rows.append(Self.aggregateRow(streams, streamCount: streamCount))
        let widths = (0..<Self.streamHeader.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        let lines = rows.map { row in
            zip(row, widths).enumerated().map { index, cell in
                index == 0 ? cell.0.padded(right: cell.1) : cell.0.padded(left: cell.1)
            }.joined(separator: "  ")
        }
        return ([title + ":"] + lines).joined(separator: "\n")
    }

    static let streamHeader = ["stream", "packets", "lost/expected", "lost %", "dup", "late", "jitter ms", "MOS"]

    static func streamRow(_ s: ReceiverSummary) -> [String] {
        [
            s.stream ?? "none", "\(s.packets)", "\(s.lostPackets)/\(s.expectedPackets)",
            s.lostPercent.formatted(decimals: 2), "\(s.duplicatePackets)", "\(s.latePackets)",
            s.jitterMilliseconds.formatted(decimals: 2), s.mos.map { $0.formatted(decimals: 2) } ?? "-",
        ]
    }

    /// Sums over `streams`; loss percent from the sums, jitter as the largest stream's.
    static func aggregateRow(_ streams: [ReceiverSummary], streamCount: Int) -> [String] {
        let packets = streams.reduce(Int64(0)) { $0 + $1.packets }
        let expected = streams.reduce(Int64(0)) { $0 + $1.expectedPackets }
        let lost = streams.reduce(Int64(0)) { $0 + $1.lostPackets }
        let percent = expected > 0 ? Double(lost) / Double(expected) * 100 : 0
        let unlisted = streamCount - streams.count
        let label = unlisted > 0 ? "all (\(unlisted) oldest not kept)" : "all \(streams.count)"
        return [
            label, "\(packets)", "\(lost)/\(expected)", percent.formatted(decimals: 2),
            "\(streams.reduce(Int64(0)) { $0 + $1.duplicatePackets })", "\(streams.reduce(Int64(0)) { $0 + $1.latePackets })",
            "max " + (streams.map(\.jitterMilliseconds).max() ?? 0).formatted(decimals: 2), "-",
        ]
    }
}
