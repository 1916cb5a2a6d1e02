import JitterbugSupport
import Opus
import Media
import NIOCore
import RTP
import Synchronization
@testable import Pipelines
import Testing
import Transport

/// The receiver state machine, driven with synthetic arrival times (no sockets, no clock).
@Suite struct AudioReceiverCoreTests {
    static let source = try! SocketAddress(ipAddress: "192.0.2.1", port: 40_000)
    static let intruder = try! SocketAddress(ipAddress: "192.0.2.66", port: 40_001)

    /// 50 real Opus packets of a 1 kHz tone, 20 ms apart.
    static func packets(count: Int = 50, ssrcSeed: UInt64 = 1) throws -> [RTPPacket] {
        let encoder = try OpusEncoder(OpusEncoderConfiguration(bitrate: 32_000))
        var tone = ToneSource(frequencyHz: 1000, durationSeconds: nil, format: .opusMono)
        var random = SplitMix64(seed: ssrcSeed)
        var packetizer = RTPPacketizer(payloadType: 111, clockRate: 48_000, generator: &random)
        return try (0..<count).map { i in
            let payload = try encoder.encode(try tone.read(frames: 960) ?? [])
            return packetizer.makePacket(
                payload: payload, timestampOffsetSamples: UInt32(i * 960), marker: i == 0, extensions: [])
        }
    }

    final class Collected: Sendable {
        let samples = Mutex<[Int16]>([])
    }

    static func makeCore(_ collected: Collected) -> AudioReceiverCore {
        AudioReceiverCore(configuration: AudioReceiverConfiguration()) { samples, _ in
            collected.samples.withLock { $0.append(contentsOf: samples) }
        }
    }

    @Test func cleanStreamIsDecodedFrameForFrame() throws {
        let collected = Collected()
        let core = Self.makeCore(collected)
        for (i, packet) in try Self.packets().enumerated() {
            let at = Duration.milliseconds(20 * i)
            try core.tick(now: at)
            try core.receive(packet.serialized(), from: Self.source, arrival: at, wallClock: .zero)
        }
        try core.tick(now: .seconds(2))
        let summary = core.finish()
        // The packet that starts probation counts once the stream is valid: 50 sent, 50 expected.
        #expect(summary.expectedPackets == 50)
        #expect(summary.packets == 50)
        #expect(summary.lostPackets == 0)
        #expect(summary.buffer?.balanced == true)
        let frames = collected.samples.withLock { $0.count }
        #expect(abs(frames - 50 * 960) <= 960, "\(frames) samples")
        let measured = SignalAnalysis.dominantFrequency(samples: collected.samples.withLock { $0 }, format: .opusMono)
        #expect(abs(measured - 1000) <= 2)
    }

    /// Garbage never crashes and is counted by reason; a second stream is counted, not decoded.
    @Test func malformedDatagramsAreCountedByReason() throws {
        let collected = Collected()
        let core = Self.makeCore(collected)
        let good = try Self.packets(count: 10)
        var truncated = good[3].serialized()
        truncated.removeLast(truncated.count - 6)
        var badVersion = good[4].serialized()
        badVersion[0] = (badVersion[0] & 0x3F) | 0x40
        // CC = 15 promises 60 bytes of CSRCs where 4 follow.
        let lyingCSRC: [UInt8] = [0x8F, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4]
        var staticType = good[6]
        staticType.header.payloadType = 0
        let garbage: [[UInt8]] = [
            [], [0x80], truncated, badVersion, lyingCSRC, staticType.serialized(),
            [UInt8](repeating: 0x80, count: 1501), Array("hello, not RTP".utf8),
        ]
        for (i, packet) in good.enumerated() {
            try core.receive(packet.serialized(), from: Self.source, arrival: .milliseconds(20 * i), wallClock: .zero)
        }
        for bytes in garbage {
            try core.receive(bytes, from: Self.source, arrival: .milliseconds(200), wallClock: .zero)
        }
        for packet in try Self.packets(count: 5, ssrcSeed: 99) {
            try core.receive(packet.serialized(), from: Self.intruder, arrival: .milliseconds(210), wallClock: .zero)
        }
        let summary = core.finish()
        #expect(summary.rejected.values.reduce(0, +) == garbage.count, "\(summary.rejected)")
        #expect(summary.rejected["too_short"] == 3)  // empty, 1 byte, a 6-byte header
        #expect(summary.rejected["bad_version"] == 2)  // version 1, and ASCII text ('h' = 0x68 → version 1)
        #expect(summary.rejected["csrc_overrun"] == 1)
        #expect(summary.rejected["unexpected_payload_type"] == 1)
        #expect(summary.rejected["oversize"] == 1)
        // The second source's stream is decoded as a stream of its own, not mixed in.
        #expect(summary.streamCount == 2)
        #expect(summary.streams?.count == 2)
        #expect(summary.packets == 10)
    }

    @Test func streamTableIsBounded() throws {
        let core = AudioReceiverCore(configuration: AudioReceiverConfiguration(maxStreams: 4)) { _, _ in }
        for ssrc in 0..<100 {
            var packet = try Self.packets(count: 1)[0]
            packet.header.ssrc = UInt32(ssrc)
            try core.receive(packet.serialized(), from: Self.source, arrival: .zero, wallClock: .zero)
        }
        #expect(core.finish().rejected["stream_table_full"] == 96)
    }
}

/// Many streams at once: each has its own jitter buffer, statistics and output; idle streams
/// end; BYE ends one stream.
@Suite struct MultiStreamReceiverTests {
    @Test func hundredsOfStreamsKeepTheirOwnLedgersAndOutputs() throws {
        let streamCount = 200
        let collected = Mutex<[UInt32: Int]>([:])
        var configuration = AudioReceiverConfiguration(maxStreams: 256)
        configuration.streamIdleTimeout = .seconds(2)
        let core = AudioReceiverCore(configuration: configuration) { key, samples, _ in
            collected.withLock { $0[key.ssrc, default: 0] += samples.count }
        }
        let template = try AudioReceiverCoreTests.packets(count: 25)
        // Stream s loses packet (s % 20) + 3 and nothing else.
        for (index, packet) in template.enumerated() {
            let at = Duration.milliseconds(20 * index)
            for s in 0..<streamCount where index != s % 20 + 3 {
                var copy = packet
                copy.header.ssrc = UInt32(1000 + s)
                let source = try SocketAddress(ipAddress: "192.0.2.\(1 + s % 200)", port: 40_000 + s)
                try core.receive(copy.serialized(), from: source, arrival: at, wallClock: .zero)
            }
            try core.tick(now: at)
        }
        try core.tick(now: .seconds(1))
        let summary = core.finish()
        #expect(summary.streamCount == streamCount)
        let streams = try #require(summary.streams)
        #expect(streams.count == streamCount)
        for stream in streams {
            #expect(stream.lostPackets == 1, "\(stream.stream ?? "?")")
            #expect(stream.buffer?.balanced == true)
        }
        let written = collected.withLock { $0 }
        #expect(written.count == streamCount)
        #expect(written.values.allSatisfy { abs($0 - 25 * 960) <= 960 })
    }

    @Test func idleStreamsEndAndTheTableIsReused() throws {
        var configuration = AudioReceiverConfiguration(maxStreams: 2)
        configuration.streamIdleTimeout = .milliseconds(500)
        let core = AudioReceiverCore(configuration: configuration) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        let packets = try AudioReceiverCoreTests.packets(count: 3)
        for round in 0..<4 {
            let start = Duration.seconds(round * 2)
            for s in 0..<2 {
                for (index, packet) in packets.enumerated() {
                    var copy = packet
                    copy.header.ssrc = UInt32(round * 10 + s)
                    try core.receive(copy.serialized(), from: AudioReceiverCoreTests.source, arrival: start + .milliseconds(20 * index), wallClock: .zero)
                }
            }
            try core.tick(now: start + .seconds(1))
        }
        let summary = core.finish()
        #expect(summary.rejected["stream_table_full"] == nil, "idle streams must free their slots")
        #expect(summary.streamCount == 8)
        #expect(summary.stream?.contains("0x00000000") == true, "the first stream stays the summary's top level")
    }

    @Test func goodbyeEndsOneStream() throws {
        let core = AudioReceiverCore(configuration: AudioReceiverConfiguration()) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        let packets = try AudioReceiverCoreTests.packets(count: 5)
        for s in 0..<2 {
            for (index, packet) in packets.enumerated() {
                var copy = packet
                copy.header.ssrc = UInt32(100 + s)
                try core.receive(copy.serialized(), from: AudioReceiverCoreTests.source, arrival: .milliseconds(20 * index), wallClock: .zero)
            }
        }
        #expect(core.activeStreamCount == 2)
        let bye = RTCPCompound.serialize([.goodbye(Goodbye(ssrcs: [101], reason: "done"))])
        try core.receive(bye, from: AudioReceiverCoreTests.source, arrival: .milliseconds(120), wallClock: .zero)
        try core.tick(now: .seconds(1))
        #expect(core.activeStreamCount == 1)
        let summary = core.finish()
        #expect(summary.streams?.first { $0.stream?.contains("0x00000065") == true }?.senderSaidGoodbye == true)
    }
}

@Suite struct AllowFromTests {
    @Test func sourcesOutsideTheRangesAreCountedAndDropped() throws {
        var configuration = AudioReceiverConfiguration()
        configuration.allowFrom = [try AddressRange(parsing: "192.0.2.0/28")]
        let core = AudioReceiverCore(configuration: configuration) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        let packets = try AudioReceiverCoreTests.packets(count: 10)
        for (i, packet) in packets.enumerated() {
            try core.receive(packet.serialized(), from: AudioReceiverCoreTests.source, arrival: .milliseconds(20 * i), wallClock: .zero)
            try core.receive(packet.serialized(), from: AudioReceiverCoreTests.intruder, arrival: .milliseconds(20 * i), wallClock: .zero)
        }
        let summary = core.finish()
        #expect(summary.rejected["not_allowed"] == 10)
        #expect(summary.streamCount == 1)
        #expect(summary.packets == 10)
    }
}

/// Receiver reports never exceed what the peer sent since the last one (no amplification).
@Suite struct NoAmplificationTests {
    @Test func reportsWaitForEnoughTrafficFromThePeer() throws {
        let core = AudioReceiverCore(configuration: AudioReceiverConfiguration()) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        let packets = try AudioReceiverCoreTests.packets(count: 2)
        // Two small packets validate a stream (A.1) but carry fewer bytes than a report.
        var total = 0
        for (i, var packet) in packets.enumerated() {
            packet.payload = Array(packet.payload.prefix(8))
            let bytes = packet.serialized()
            total += bytes.count
            try core.receive(bytes, from: AudioReceiverCoreTests.source, arrival: .milliseconds(20 * i), wallClock: .zero)
        }
        // So little media makes the RFC 3550 interval long: the final report (with BYE) is the
        // one that would go, and it is larger than what the peer sent.
        #expect(core.rtcpReportIfDue(now: .seconds(10), wallClock: .seconds(10), rtcpMux: false, goodbye: true) == nil)
        #expect(core.finish().rtcpReportsSuppressed == 1, "sent \(total) bytes")
    }

    @Test func aNormalStreamGetsItsReports() throws {
        let core = AudioReceiverCore(configuration: AudioReceiverConfiguration()) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        for (i, packet) in try AudioReceiverCoreTests.packets(count: 50).enumerated() {
            try core.receive(packet.serialized(), from: AudioReceiverCoreTests.source, arrival: .milliseconds(20 * i), wallClock: .zero)
        }
        _ = core.rtcpReportIfDue(now: .seconds(1), wallClock: .seconds(1), rtcpMux: false)
        let report = core.rtcpReportIfDue(now: .seconds(10), wallClock: .seconds(10), rtcpMux: false)
        #expect(report != nil)
        #expect(report?.udpDestination.ipAddress == "192.0.2.1", "reports go only to the validated source's host")
    }
}

/// `--latch`: the first valid stream owns the receiver; others are dropped; the same SSRC from a
/// new address takes over only after the old address went quiet (NAT rebinding).
@Suite struct LatchingTests {
    @Test func latchesAndRelatchesConservatively() throws {
        var configuration = AudioReceiverConfiguration()
        configuration.latch = true
        let core = AudioReceiverCore(configuration: configuration) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        let packets = try AudioReceiverCoreTests.packets(count: 200)
        let rebound = try SocketAddress(ipAddress: "192.0.2.1", port: 50_000)
        for (i, packet) in packets.prefix(50).enumerated() {
            try core.receive(packet.serialized(), from: AudioReceiverCoreTests.source, arrival: .milliseconds(20 * i), wallClock: .zero)
            // An intruder replaying the same packets from elsewhere is dropped while the source is live.
            try core.receive(packet.serialized(), from: AudioReceiverCoreTests.intruder, arrival: .milliseconds(20 * i), wallClock: .zero)
        }
        // The source's NAT mapping changes: after 2 s of silence the same SSRC takes over.
        for (i, packet) in packets.dropFirst(150).enumerated() {
            try core.receive(packet.serialized(), from: rebound, arrival: .seconds(4) + .milliseconds(20 * i), wallClock: .zero)
        }
        let summary = core.finish()
        #expect(summary.rejected["not_latched"] == 49, "the first intruder packet came before the latch")
        #expect(summary.rejected["relatched"] == 1)
        #expect(summary.streamCount == 1)
        #expect(summary.packets == 100, "50 before and 50 after the rebinding, one stream")
    }
}
