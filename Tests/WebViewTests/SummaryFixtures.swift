import Reports

/// Receiver summaries and interval records as the receiver publishes them, for feeding the
/// web view without a network.
enum SummaryFixtures {
    /// A stream's cumulative figures.
    struct Stream {
        var name: String
        var packets: Int64
        var lost: Int64 = 0
        var late: Int64 = 0
        var udp: Int? = nil
        var tcp = 0
        var concealed = 0

        func summary() -> ReceiverSummary {
            var s = ReceiverSummary()
            s.stream = name
            s.packets = packets
            s.lostPackets = lost
            s.expectedPackets = packets + lost
            s.lostPercent = packets + lost > 0 ? Double(lost) * 100 / Double(packets + lost) : 0
            s.latePackets = late
            s.packetsByUDP = udp ?? Int(packets) - tcp
            s.packetsByTCP = tcp
            s.framesDecoded = Int(packets)
            s.framesConcealed = concealed
            s.jitterMilliseconds = 1.5
            s.targetDelayMilliseconds = 40
            s.playoutDelayMilliseconds = 41
            s.mos = 4.1
            return s
        }
    }

    /// The receiver's summary of `streams` (the first is the primary).
    static func summary(_ streams: [Stream]) -> ReceiverSummary {
        var top = streams.first?.summary() ?? ReceiverSummary()
        top.streamCount = streams.count
        if streams.count > 1 { top.streams = streams.map { $0.summary() } }
        return top
    }

    /// The interval record ending at `end` seconds (1 s long).
    static func record(end: Double, packets: Int64 = 50, lost: Int64 = 0) -> IntervalRecord {
        IntervalRecord(
            startSeconds: end - 1, endSeconds: end, packets: packets, lost: lost, expected: packets + lost,
            lostPercent: packets + lost > 0 ? Double(lost) * 100 / Double(packets + lost) : 0, late: 0,
            jitterMilliseconds: 1.5, latencyP50Milliseconds: 10, latencyP99Milliseconds: 20, bufferMilliseconds: 41,
            kilobitsPerSecond: 32, mos: 4.1)
    }
}
