import Opus
import NIOCore
import Pipelines
import Testing
import Transport

@Suite struct LoadSenderTests {
    /// The load generator's pre-encoded frames are CBR, so all its datagrams have one size and a
    /// batch coalesces into few GSO sends (VBR frames would differ by a few bytes).
    @Test func unpacedBatchesAreEqualSizeAndCoalesce() async throws {
        let sender = LoadSender(
            configuration: LoadSender.Configuration(
                streams: 3, encoder: OpusEncoderConfiguration(bitrate: 56_000), duration: .milliseconds(30),
                unpaced: true))
        var random = SystemRandomNumberGenerator()
        var sizes: Set<Int> = []
        var batches = 0
        var coalesced = 0
        let remote = try SocketAddress(ipAddress: "127.0.0.1", port: 9)
        _ = try await sender.run(random: &random) { batch in
            batches += 1
            for datagram in batch { sizes.insert(datagram.count) }
            coalesced += UDPSegmentation.coalesce(batch.map { (bytes: $0, remote: remote) }).count
        }
        // 140-byte CBR payload (56 kbit/s × 20 ms) + 12-byte header + 16-byte send-time extension.
        #expect(sizes == [168])
        #expect(coalesced == batches, "each 64-datagram batch is one GSO send")
    }

    /// Each stream's own count, checked against the datagrams handed to the transport, parsed
    /// by SSRC (issue #15: `send --streams N` printed only totals).
    @Test func perStreamCountsMatchTheDatagramsSent() async throws {
        let sender = LoadSender(
            configuration: LoadSender.Configuration(streams: 4, duration: .milliseconds(30), unpaced: true))
        var random = SystemRandomNumberGenerator()
        var bySSRC: [UInt32: (packets: Int, bytes: Int)] = [:]
        let summary = try await sender.run(random: &random) { batch in
            for datagram in batch {
                let ssrc = datagram[8..<12].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                bySSRC[ssrc, default: (0, 0)].packets += 1
                bySSRC[ssrc, default: (0, 0)].bytes += datagram.count
            }
        }
        let streams = try #require(summary.streams)
        #expect(streams.count == 4)
        for stream in streams {
            #expect(bySSRC[stream.ssrc]?.packets == stream.packets)
            #expect(bySSRC[stream.ssrc]?.bytes == stream.bytes)
        }
        #expect(streams.reduce(0) { $0 + $1.packets } == summary.packets)
        #expect(summary.streamList?.split(separator: "\n").count == 4)
    }

    /// `--rate 2k` with 2 streams for 50 ms: exactly the 200 scheduled packets, 100 per stream,
    /// each stream's RTP timestamp advancing by one 20 ms frame (960 ticks) per packet whatever
    /// the rate, and the streams interleaved (the merged schedule alternates them).
    @Test func pacedRateSendsTheScheduledPacketsWithFrameTimestamps() async throws {
        let sender = LoadSender(
            configuration: LoadSender.Configuration(
                streams: 2, duration: .milliseconds(50), rate: try PacketRate(parsing: "2k")))
        #expect(sender.pacer.totalPackets == 200)
        var random = SystemRandomNumberGenerator()
        var timestamps: [UInt32: [UInt32]] = [:]
        var order: [UInt32] = []
        let summary = try await sender.run(random: &random) { batch in
            for datagram in batch {
                let ssrc = datagram[8..<12].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                timestamps[ssrc, default: []].append(datagram[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
                order.append(ssrc)
            }
        }
        #expect(summary.packets == 200)
        #expect(timestamps.count == 2)
        for (_, stamps) in timestamps {
            #expect(stamps.count == 100)
            #expect(zip(stamps, stamps.dropFirst()).allSatisfy { $1 &- $0 == 960 })
        }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0 != $1 }, "streams alternate")
    }
}
