import JitterbugSupport
import Opus
import CAllocationCounter
import JitterBuffer
import Media
import NIOCore
import RTP
import Stats
@testable import Pipelines
import Testing

/// The receive path in steady state — parse, statistics, jitter buffer insert — makes no heap
/// allocation per packet (issue #9). Counted with a malloc interposer linked into the test
/// binary (`Tests/CAllocationCounter`), per thread; skipped in sanitizer builds, whose runtimes
/// own malloc.
@Suite(.enabled(if: allocation_counter_available() == 1, "malloc counting is off in sanitizer builds"))
struct SteadyStateAllocationTests {
    /// Allocations made by `body` on this thread.
    static func allocations(_ body: () throws -> Void) rethrows -> Int {
        allocation_counter_start()
        defer { _ = allocation_counter_stop() }
        try body()
        return allocation_counter_stop()
    }

    /// Opus packets of a tone, 20 ms apart, each with the RFC 6051 ntp-64 send-time element.
    static func datagrams(count: Int) throws -> [[UInt8]] {
        let encoder = try OpusEncoder(OpusEncoderConfiguration(bitrate: 32_000))
        var tone = ToneSource(frequencyHz: 440, durationSeconds: nil, format: .opusMono)
        var random = SplitMix64(seed: 7)
        var packetizer = RTPPacketizer(payloadType: 111, clockRate: 48_000, generator: &random)
        return try (0..<count).map { i in
            let payload = try encoder.encode(try tone.read(frames: 960) ?? [])
            let sent = NTPTimestamp(sinceUnixEpoch: .milliseconds(1_700_000_000_000 + 20 * i))
            return packetizer.makePacket(
                payload: payload, timestampOffsetSamples: UInt32(i * 960),
                extensions: [sent.ntp64ExtensionElement(id: 1)]
            ).serialized()
        }
    }

    /// The counter sees Swift allocations, so the zero results below can fail.
    @Test func counterCountsAnAllocation() {
        var kept: [Int] = []
        let count = Self.allocations { kept = Array(repeating: 7, count: 100) }
        #expect(kept.count == 100)
        #expect(count >= 1)
    }

    @Test func parsingInPlaceDoesNotAllocate() throws {
        let datagram = try Self.datagrams(count: 1)[0]
        var checksum = 0
        func parse(_ bytes: UnsafeRawBufferPointer) {
            guard let view = try? RTPPacketView(validating: bytes) else { return }
            checksum &+= Int(view.sequenceNumber) + view.payload.count
            if let data = view.extensionData(id: 1), let sent = NTPTimestamp(ntp64Data: data) {
                checksum &+= Int(sent.seconds)
            }
        }
        // The first call instantiates runtime metadata (once per process), not per packet.
        datagram.withUnsafeBytes(parse)
        let count = Self.allocations {
            datagram.withUnsafeBytes { bytes in
                for _ in 0..<1_000 { parse(bytes) }
            }
        }
        #expect(checksum != 0)
        #expect(count == 0, "\(count) allocations in 1,000 parses")
    }

    @Test func statisticsAndJitterBufferDoNotAllocatePerPacket() throws {
        let datagrams = try Self.datagrams(count: 600)
        var statistics = RTPReceptionStatistics(clockRateHertz: 48_000)
        var buffer = try JitterBuffer(configuration: JitterBufferConfiguration())
        var played = 0
        var allocating: [Int] = []
        for (i, datagram) in datagrams.enumerated() {
            let now = Duration.milliseconds(20 * i)
            // Playout runs outside the measurement: it hands frames to the decoder.
            if case .play = buffer.pop(now: now) { played += 1 }
            let count = Self.allocations {
                datagram.withUnsafeBytes { bytes in
                    guard let view = try? RTPPacketView(validating: bytes) else { return }
                    statistics.record(
                        sequenceNumber: view.sequenceNumber, rtpTimestamp: view.timestamp, arrival: now,
                        payloadBytes: view.payload.count)
                    let packet = JitterBufferPacket(
                        ssrc: view.ssrc, sequenceNumber: view.sequenceNumber, timestamp: view.timestamp,
                        arrival: now, payload: [])
                    _ = buffer.insert(packet, payload: view.payload)
                }
            }
            if i >= 100, count > 0 { allocating.append(i) }  // after warm-up: buffers sized, playout running
        }
        #expect(played > 400)
        #expect(statistics.receivedPackets > 590)
        #expect(buffer.ledger.isBalanced)
        #expect(allocating.isEmpty, "packets \(allocating) of 100..<600 allocated")
    }

    /// The whole receiver core: demux by (address, SSRC), A.1, statistics, send-time delay
    /// histograms, jitter buffer. Ticks (decode and output) run between packets, unmeasured.
    @Test func receiverCoreReceiveDoesNotAllocatePerPacket() throws {
        let datagrams = try Self.datagrams(count: 600)
        let source = try SocketAddress(ipAddress: "192.0.2.1", port: 40_000)
        var frames = 0
        let core = AudioReceiverCore(configuration: AudioReceiverConfiguration()) { (_: [Int16], _) in frames += 1 }
        var allocating: [Int] = []
        for (i, datagram) in datagrams.enumerated() {
            let now = Duration.milliseconds(20 * i)
            try core.tick(now: now, wallClock: .milliseconds(1_700_000_000_000 + 20 * i))
            let count = try Self.allocations {
                try datagram.withUnsafeBytes { bytes in
                    try core.receive(
                        bytes, from: source, arrival: now, wallClock: .milliseconds(1_700_000_000_005 + 20 * i))
                }
            }
            if i >= 100, count > 0 { allocating.append(i) }
        }
        let summary = core.finish()
        #expect(frames > 400)
        #expect(summary.lostPackets == 0)
        #expect(summary.oneWayDelay?.count ?? 0 > 500)
        #expect(allocating.isEmpty, "datagrams \(allocating) of 100..<600 allocated")
    }
}
