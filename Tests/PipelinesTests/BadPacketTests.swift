import JitterbugSupport
import Media
import NIOCore
import Reports
import RTP
@testable import Pipelines
import Testing

/// Packets with a wrong timestamp or no payload are counted and turned away before the
/// statistics and the jitter buffer, so the real packet with the same sequence number counts
/// and is played (they used to be counted as received and the real ones as duplicates).
@Suite struct BadPacketTests {
    /// Runs 50 packets 20 ms apart; `extra` may add datagrams just before packet `index`.
    static func run(extra: (Int, RTPPacket) -> [[UInt8]] = { _, _ in [] }) throws -> ReceiverSummary {
        let core = AudioReceiverCore(configuration: AudioReceiverConfiguration()) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        for (index, packet) in try AudioReceiverCoreTests.packets(count: 50).enumerated() {
            let at = Duration.milliseconds(20 * index)
            try core.tick(now: at)
            for bytes in extra(index, packet) {
                try core.receive(bytes, from: AudioReceiverCoreTests.source, arrival: at, wallClock: .zero)
            }
            try core.receive(packet.serialized(), from: AudioReceiverCoreTests.source, arrival: at, wallClock: .zero)
        }
        try core.tick(now: .seconds(2))
        return core.finish()
    }

    @Test func aWrongTimestampAndAnEmptyPayloadDoNotTakeTheRealPacketsPlace() throws {
        let clean = try Self.run()
        let summary = try Self.run { index, packet in
            var forged = packet
            switch index {
            case 20: forged.header.timestamp &+= 1 << 31
            case 30: forged.payload = []
            default: return []
            }
            return [forged.serialized()]
        }
        #expect(summary.wrongTimestampPackets == 1)
        #expect(summary.emptyPayloadPackets == 1)
        #expect(summary.duplicatePackets == 0, "the real packets 20 and 30 are not duplicates")
        #expect(summary.packets == 50)
        #expect(summary.lostPackets == 0)
        #expect(summary.jitterMilliseconds < 0.1, "the wrong timestamp stays out of A.8 jitter")
        #expect(summary.buffer?.played == clean.buffer?.played)
        #expect(summary.buffer?.concealedLost == 0)
        #expect(summary.packetsByUDP == 52)
    }

    @Test func twoForgedPacketsWithABigJumpDoNotResetTheStream() throws {
        let summary = try Self.run { index, packet in
            guard index == 25 else { return [] }
            return [30_000, 30_001].map { offset in
                var forged = packet
                forged.header.sequenceNumber &+= UInt16(offset)
                return forged.serialized()
            }
        }
        #expect(summary.packets == 50)
        #expect(summary.lostPackets == 0)
        #expect(summary.sequenceRestarts == 0)
        #expect(summary.badSequencePackets == 2)
        #expect(summary.buffer?.concealedLost == 0)
    }
}
