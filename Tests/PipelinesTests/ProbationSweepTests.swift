import Media
import NIOCore
import RTP
@testable import Pipelines
import Testing

/// A flood of random SSRCs fills the stream table with streams that never pass probation. While
/// it lasts, new streams are counted `stream_table_full`; once those entries have been silent for
/// the idle timeout, a new stream gets in, and every datagram stays counted exactly once.
@Suite struct ProbationSweepTests {
    @Test func staleProbationEntriesMakeRoomAfterAFlood() throws {
        var configuration = AudioReceiverConfiguration(maxStreams: 4)
        configuration.streamIdleTimeout = .seconds(2)
        let core = AudioReceiverCore(configuration: configuration) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        let flooder = try SocketAddress(ipAddress: "192.0.2.99", port: 9_999)
        var random = SystemRandomNumberGenerator()
        // 100 datagrams with random SSRCs and sequence numbers: 4 held in probation, 96 refused.
        let template = try AudioReceiverCoreTests.packets(count: 1)[0]
        for _ in 0..<100 {
            var packet = template
            packet.header.ssrc = UInt32.random(in: 1...UInt32.max, using: &random)
            packet.header.sequenceNumber = UInt16.random(in: 0...UInt16.max, using: &random)
            try core.receive(packet.serialized(), from: flooder, arrival: .zero, wallClock: .zero)
        }
        let stream = try AudioReceiverCoreTests.packets(count: 10, ssrcSeed: 7)
        // Still inside the idle timeout: the table is full.
        for (index, packet) in stream.prefix(3).enumerated() {
            try core.receive(packet.serialized(), from: AudioReceiverCoreTests.source, arrival: .milliseconds(500 + 20 * index), wallClock: .zero)
        }
        #expect(core.summary.rejected["stream_table_full"] == 99)
        // Later: the stale entries go, the stream passes probation and plays.
        for (index, packet) in stream.dropFirst(3).enumerated() {
            let at = Duration.seconds(3) + .milliseconds(20 * index)
            try core.tick(now: at)
            try core.receive(packet.serialized(), from: AudioReceiverCoreTests.source, arrival: at, wallClock: .zero)
        }
        try core.tick(now: .seconds(4))
        let summary = core.finish()
        #expect(summary.streamCount == 1)
        #expect(summary.packetsByUDP == 7)
        #expect(summary.buffer?.played ?? 0 >= 6)
        // Books: 110 datagrams = 99 refused + 4 held by the swept entries + 7 of the stream.
        #expect(summary.datagramsReceived == 110)
        #expect(summary.otherStreamPackets == 4)
        #expect(summary.rejected.values.reduce(0, +) + summary.otherStreamPackets + summary.packetsByUDP == 110)
    }
}
