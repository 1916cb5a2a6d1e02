/// One row of `tshark -q -z rtp,streams`: Wireshark's own count of a stream's packets, its
/// "Lost" (expected − received, duplicates netted, as RFC 3550's cumulative lost) and its
/// largest gap between arrivals.
package struct TsharkRTPStreams: Sendable, Equatable {
    package var packets: Int
    package var lost: Int
    /// "Max Delta", ms.
    package var maxDeltaMilliseconds: Double

    /// The rows of `-z rtp,streams` for RTP on `port` (tshark finds no RTP on a dynamic port by
    /// itself, so `udp.port==PORT` is decoded as RTP), in tshark's order.
    package static func rows(tshark: String, capture: String, port: Int) throws -> [TsharkRTPStreams] {
        let result = try CommandRunner.run(
            tshark, ["-r", capture, "-q", "-d", "udp.port==\(port),rtp", "-z", "rtp,streams"])
        return parse(result.stdout)
    }

    /// Data rows of the table: `… SSRC Payload Pkts Lost (pct%) MinDelta MeanDelta MaxDelta …`,
    /// found by the `(pct%)` column (addresses and payload names vary in width).
    package static func parse(_ text: String) -> [TsharkRTPStreams] {
        text.split(separator: "\n").compactMap { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let percent = columns.firstIndex(where: { $0.hasPrefix("(") && $0.hasSuffix("%)") }), percent >= 2,
                let lost = Int(columns[percent - 1]), let packets = Int(columns[percent - 2]),
                percent + 3 < columns.count, let maxDelta = Double(columns[percent + 3])
            else { return nil }
            return TsharkRTPStreams(packets: packets, lost: lost, maxDeltaMilliseconds: maxDelta)
        }
    }
}
