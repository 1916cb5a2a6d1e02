import NIOCore
import RTP
@testable import Pipelines
import Testing

/// Hostile SSRC churn (issue #9, bad input): a sender that changes SSRC with every packet, or
/// thousands of one-off SSRCs from one address, must neither grow the receiver without bound
/// nor lock real streams out for good.
@Suite struct StreamTableExhaustionTests {
    static let source = try! SocketAddress(ipAddress: "192.0.2.7", port: 41_000)

    static func datagram(ssrc: UInt32, sequence: UInt16, timestamp: UInt32) -> [UInt8] {
        RTPPacket(
            header: RTPHeader(payloadType: 111, sequenceNumber: sequence, timestamp: timestamp, ssrc: ssrc),
            payload: [0xF8, 0xFF, 0xFE]  // an Opus TOC byte and a little data
        ).serialized()
    }

    @Test func ssrcPerPacketIsBoundedCountedAndExpires() throws {
        var configuration = AudioReceiverConfiguration(maxStreams: 8)
        configuration.decodeAudio = false
        let core = AudioReceiverCore(configuration: configuration) { (_: [Int16], _) in }
        // 10,000 packets, each from a new SSRC: none passes A.1 probation (it needs two in a row).
        for i in 0..<10_000 {
            let at = Duration.microseconds(100 * i)
            try core.receive(
                Self.datagram(ssrc: UInt32(0x1000 + i), sequence: UInt16(truncatingIfNeeded: i), timestamp: 0),
                from: Self.source, arrival: at, wallClock: .zero)
            if i % 100 == 0 { try core.tick(now: at) }
            #expect(core.streams.count <= 8)
        }
        var summary = core.summary
        #expect(summary.datagramsReceived == 10_000)
        #expect((summary.rejected["stream_table_full"] ?? 0) >= 9_000)
        #expect(summary.streamCount == 0)
        // The churn stops: probation entries expire after 2 s, their held packets are counted,
        // and a real stream gets in.
        try core.tick(now: .seconds(4))
        #expect(core.streams.count == 0)
        summary = core.summary
        #expect(summary.otherStreamPackets + (summary.rejected["stream_table_full"] ?? 0) == 10_000)
        for i in 0..<10 {
            try core.receive(
                Self.datagram(ssrc: 0xCAFE, sequence: UInt16(100 + i), timestamp: UInt32(960 * i)),
                from: Self.source, arrival: .seconds(4) + .milliseconds(20 * i), wallClock: .zero)
        }
        summary = core.summary
        #expect(summary.streamCount == 1)
        #expect(summary.packets >= 8)
    }
}
