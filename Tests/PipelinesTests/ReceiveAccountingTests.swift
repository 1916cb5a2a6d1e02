import Impairment
import JitterbugSupport
import Media
import NIOCore
import RTP
@testable import Pipelines
import Testing

/// Counts that must add up (issue #15), checked against an independent reference: a stream of
/// N packets goes through the seeded impairment engine and its decisions (the ground truth the
/// relay logs) say what the receiver must report.
@Suite struct ReceiveAccountingTests {
    /// One delivered copy: when it arrives and which packet it is.
    struct Arrival {
        var at: Duration
        var index: Int
    }

    static let packetCount = 500

    @Test func lossDuplicatesAndReorderMatchTheImpairmentGroundTruth() throws {
        let packets = try AudioReceiverCoreTests.packets(count: Self.packetCount, ssrcSeed: 3)
        var engine = ImpairmentEngine(spec: try ImpairmentSpec(parsing: "loss=8%,duplicate=6%,reorder=10%,delay=40ms,jitter=5ms,seed=11"))
        var arrivals: [Arrival] = []
        var dropped = 0
        var duplicated = 0
        for index in 0..<Self.packetCount {
            let decision = engine.process(sendTime: .milliseconds(20 * index), sizeBytes: 100)
            if decision.isDropped { dropped += 1 }
            if decision.isDuplicated { duplicated += 1 }
            arrivals += decision.deliveries.map { Arrival(at: $0.deliverAt, index: index) }
        }
        // A receiver cannot know of packets lost before the first or after the last it saw.
        try #require(arrivals.contains { $0.index == 0 } && arrivals.contains { $0.index == Self.packetCount - 1 })
        try #require(dropped > 20 && duplicated > 20)
        arrivals.sort { $0.at < $1.at }
        let reordered = zip(arrivals, arrivals.dropFirst()).filter { $0.1.index < $0.0.index }.count
        try #require(reordered > 20, "the spec must reorder")

        let core = AudioReceiverCore(configuration: AudioReceiverConfiguration()) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        var intervals: [Int64] = []
        var nextInterval = Duration.seconds(1)
        for arrival in arrivals {
            while arrival.at >= nextInterval {
                intervals.append(core.closeInterval(now: nextInterval).packets)
                nextInterval += .seconds(1)
            }
            try core.tick(now: arrival.at)
            try core.receive(
                packets[arrival.index].serialized(), from: AudioReceiverCoreTests.source, arrival: arrival.at, wallClock: .zero)
        }
        try core.tick(now: nextInterval + .seconds(1))
        let reportBlock = core.withPrimary { $0.statistics.makeReportBlockFigures() }
        let summary = core.finish()
        intervals.append(core.closeInterval(now: nextInterval + .seconds(1)).packets)

        let sent = Int64(Self.packetCount)
        #expect(summary.packets == sent - Int64(dropped), "distinct received = sent − dropped by the impairment")
        #expect(summary.lostPackets == Int64(dropped))
        #expect(summary.expectedPackets == sent)
        #expect(summary.duplicatePackets == Int64(duplicated))
        #expect(summary.outOfOrder > 0)
        // RFC 3550: expected − received with duplicates, in the summary and the receiver report.
        let receivedWithDuplicates: Int64 = sent - Int64(dropped) + Int64(duplicated)
        #expect(summary.rfc3550CumulativeLost == sent - receivedWithDuplicates)
        #expect(reportBlock??.cumulativeLost == Int32(summary.rfc3550CumulativeLost))
        // Every datagram of the stream is one of: distinct, duplicate, or a counted drop.
        #expect(Int64(summary.packetsByUDP) == Int64(arrivals.count))
        let drops: Int64 = summary.badSequencePackets + summary.wrongTimestampPackets
            + summary.emptyPayloadPackets + summary.probationDroppedPackets
        let accounted: Int64 = summary.packets + summary.duplicatePackets + drops
        #expect(Int64(summary.packetsByUDP) == accounted)
        // The intervals add up to the summary.
        #expect(intervals.reduce(0, +) == summary.packets, "\(intervals)")
        #expect(summary.buffer?.balanced == true)
    }
}
