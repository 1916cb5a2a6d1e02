import JitterbugSupport
import Media
import NIOCore
@testable import Pipelines
import Testing

/// Streams that end — BYE then drained, or idle — leave the due-time queue with the table; a
/// stream on probation is visited at its idle deadline with no periodic sweep (#17).
@Suite struct StreamWakeTests {
    @Test func endedStreamsLeaveTheDueQueue() throws {
        var configuration = AudioReceiverConfiguration(maxStreams: 8)
        configuration.streamIdleTimeout = .milliseconds(500)
        configuration.decodeAudio = false
        let core = AudioReceiverCore(configuration: configuration) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        let template = try AudioReceiverCoreTests.packets(count: 10)
        let sources = try (0..<3).map { try SocketAddress(ipAddress: "192.0.2.\(10 + $0)", port: 40_000) }
        for (index, packet) in template.enumerated() {
            let at = Duration.milliseconds(20 * index)
            for stream in 0..<3 {
                var copy = packet
                copy.header.ssrc = UInt32(500 + stream)
                try core.receive(copy.serialized(), from: sources[stream], arrival: at, wallClock: .zero)
            }
            try core.tick(now: at)
        }
        #expect(core.streams.count == 3)
        #expect(core.streams.due.count == 3)
        // Stream 2 says BYE at 200 ms: it ends once drained (300 ms), the others keep playing.
        core.noteGoodbye(ssrcs: [502], from: sources[2], at: .milliseconds(200))
        var now = Duration.milliseconds(200)
        while now <= .milliseconds(520) {
            try core.tick(now: now)
            now += .milliseconds(20)
        }
        #expect(core.streams.count == 2)
        #expect(core.streams.due.count == 2)
        #expect(!core.streams.contains(StreamKey(source: sources[2], ssrc: 502)))
        // Idle for 500 ms after the last packet (180 ms): both end, nothing stays scheduled.
        while now <= .milliseconds(700) {
            try core.tick(now: now)
            now += .milliseconds(20)
        }
        #expect(core.streams.count == 0)
        #expect(core.streams.due.count == 0)
        #expect(core.streams.earliestDue == nil)
        #expect(core.finish().streamCount == 3)
    }

    @Test func aProbationStreamIsDueAtItsIdleDeadline() throws {
        var configuration = AudioReceiverConfiguration(maxStreams: 4)
        configuration.streamIdleTimeout = .seconds(5)
        let core = AudioReceiverCore(configuration: configuration) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        let packet = try AudioReceiverCoreTests.packets(count: 1)[0]
        try core.receive(packet.serialized(), from: AudioReceiverCoreTests.source, arrival: .milliseconds(100), wallClock: .zero)
        // One packet: still on probation, no playout; the only reason to visit it is the
        // probation idle timeout (2 s, below the 5 s stream timeout).
        #expect(core.streams.count == 1)
        #expect(core.nextPlayoutTime == .milliseconds(2_100))
        try core.tick(now: .milliseconds(2_099))
        #expect(core.streams.count == 1)
        try core.tick(now: .milliseconds(2_100))
        #expect(core.streams.count == 0)
        #expect(core.streams.due.count == 0)
    }
}
