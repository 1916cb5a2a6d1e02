import JitterbugSupport
import NIOCore
@testable import Pipelines
import Reports
import RTP
import Synchronization
import Testing
import Transport

/// The sharded receiver: a stream's RTP, its RTCP and its TCP frames land on one shard; streams
/// spread over the shards; the merged figures equal what the test sent (counted here, not by
/// the receiver); BYE and idle timeout end a stream on its shard while the others play on.
@Suite struct ReceiverShardTests {
    static func rtp(ssrc: UInt32, sequence: UInt16) -> [UInt8] {
        var packetizer = RTPPacketizer(
            payloadType: 111, clockRate: 48_000, ssrc: ssrc, initialSequenceNumber: sequence, initialTimestamp: 0)
        return packetizer.makePacket(
            payload: [UInt8](repeating: 0x55, count: 80), timestampOffsetSamples: UInt32(sequence) &* 960
        ).serialized()
    }

    static func goodbye(ssrc: UInt32) -> [UInt8] {
        RTCPCompound.serialize([
            .senderReport(SenderReport(
                ssrc: ssrc, ntp: NTPTimestamp(seconds: 3_900_000_000, fraction: 0), rtpTimestamp: 0,
                packetCount: 1, octetCount: 80)),
            .goodbye(Goodbye(ssrcs: [ssrc], reason: nil)),
        ])
    }

    @Test func aStreamsRTPRTCPAndTCPFramesLandOnOneShardAndStreamsSpread() throws {
        let shardCount = 4
        var perShard = [Int](repeating: 0, count: shardCount)
        for host in 1...4 {
            let ip = "192.0.2.\(host)"
            for index in 0..<100 {
                let ssrc = UInt32(0x1000_0000) &+ UInt32(index) &* 7_919
                let port = 20_000 + index * 2
                let rtpFrom = try SocketAddress(ipAddress: ip, port: port)
                let owner = ReceiverShardDispatch.shard(of: Self.rtp(ssrc: ssrc, sequence: 1), from: rtpFrom, shardCount: shardCount)
                // Later packets, RTCP from port + 1 (or the RTP port), RFC 4571 frames from a TCP port.
                for sequence: UInt16 in [2, 500, 65_535] {
                    #expect(ReceiverShardDispatch.shard(of: Self.rtp(ssrc: ssrc, sequence: sequence), from: rtpFrom, shardCount: shardCount) == owner)
                }
                for from in [rtpFrom, try SocketAddress(ipAddress: ip, port: port + 1), try SocketAddress(ipAddress: ip, port: 55_555)] {
                    #expect(ReceiverShardDispatch.shard(of: Self.goodbye(ssrc: ssrc), from: from, shardCount: shardCount) == owner)
                    #expect(ReceiverShardDispatch.shard(of: Self.rtp(ssrc: ssrc, sequence: 9), from: from, shardCount: shardCount) == owner)
                }
                perShard[owner] += 1
            }
        }
        // 400 streams over 4 shards: 100 each on average; every shard gets a fair share.
        #expect(perShard.allSatisfy { (70...130).contains($0) }, "\(perShard)")
        // Too short to carry an SSRC: shard 0, which counts the rejection.
        let from = try SocketAddress(ipAddress: "192.0.2.9", port: 9)
        #expect(ReceiverShardDispatch.shard(of: [0x80, 0x6F, 0x00], from: from, shardCount: shardCount) == 0)
        #expect(ReceiverShardDispatch.shard(of: [0x80, 0xC8, 0x00, 0x01, 0xAA], from: from, shardCount: shardCount) == 0)
        #expect(ReceiverShardDispatch.shard(of: Self.rtp(ssrc: 5, sequence: 1), from: from, shardCount: 1) == 0)
    }

    /// One loopback run: the receiver with `shards` shards, and `send` given the receiver's
    /// address and a client socket. Returns the final summary and every interval record.
    static func run(
        shards: Int, configure: (inout AudioReceiverConfiguration) -> Void = { _ in },
        stop: ReceiverStopCondition = ReceiverStopCondition(duration: .seconds(20), idle: .milliseconds(600)),
        send: @escaping @Sendable (UDPSocket, SocketAddress) async throws -> Void
    ) async throws -> (summary: ReceiverSummary, intervals: [IntervalRecord]) {
        var settings = AudioReceiverConfiguration()
        settings.decodeAudio = false
        settings.maxStreams = 64
        configure(&settings)
        let configuration = settings
        let records = RecordBox()
        var options = ReceiverRunOptions(rtcpMux: true, interval: .milliseconds(100), onInterval: { records.append($0) })
        options.shards = shards
        let runOptions = options
        let summary = try await UDPTransport.withSocket(boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: 0)) { server in
            let target = try #require(server.localAddress)
            return try await withThrowingTaskGroup(of: ReceiverSummary?.self) { group in
                group.addTask {
                    try await AudioReceiverRunner.run(socket: server, configuration: configuration, stop: stop, options: runOptions) { _, _, _ in }
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(100))
                    try await UDPTransport.withSocket(boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: 0)) { client in
                        try await send(client, target)
                    }
                    return nil
                }
                var result: ReceiverSummary?
                for try await summary in group { if let summary { result = summary } }
                return try #require(result)
            }
        }
        return (summary, records.all)
    }

    @Test(arguments: [1, 4])
    func mergedSummaryEqualsWhatWasSent(shards: Int) async throws {
        let ssrcs = (0..<16).map { UInt32(0xA000_0000) + UInt32($0) * 104_729 }
        let packetsPerStream = 50
        let (summary, intervals) = try await Self.run(shards: shards) { client, target in
            // The first stream starts alone, so it is the primary stream whatever its shard.
            for sequence in 1...5 {
                try await client.send(Self.rtp(ssrc: ssrcs[0], sequence: UInt16(sequence)), to: target)
            }
            try await Task.sleep(for: .milliseconds(200))
            for round in 1...packetsPerStream {
                for (index, ssrc) in ssrcs.enumerated() where index > 0 || round > 5 {
                    try await client.send(Self.rtp(ssrc: ssrc, sequence: UInt16(round)), to: target)
                }
                if round % 10 == 0 { try await Task.sleep(for: .milliseconds(20)) }
            }
        }
        let sent = ssrcs.count * packetsPerStream
        #expect(summary.datagramsReceived + (summary.socketDrops ?? 0) == sent)
        try #require(summary.socketDrops ?? 0 == 0, "the kernel dropped datagrams: the counts below cannot match")
        #expect(summary.streamCount == ssrcs.count)
        let streams = try #require(summary.streams)
        #expect(streams.count == ssrcs.count)
        #expect(streams.allSatisfy { $0.packets == Int64(packetsPerStream) }, "\(streams.map(\.packets))")
        let streamPackets: Int64 = streams.reduce(0) { $0 + $1.packets }
        #expect(streamPackets == Int64(sent))
        #expect(summary.stream?.hasSuffix("ssrc \(ssrcs[0].hex)") == true, "\(summary.stream ?? "none")")
        // The merged intervals add up to the sent packets too.
        let intervalPackets: Int64 = intervals.reduce(0) { $0 + $1.packets }
        #expect(intervalPackets == Int64(sent))
        #expect(summary.rejected.isEmpty, "\(summary.rejected)")
    }

    @Test func byeAndIdleEndStreamsOnTheirShardsWhileOthersPlay() async throws {
        let shardCount = 4
        let host = ReceiverShardDispatch.hostHash(try SocketAddress(ipAddress: "127.0.0.1", port: 1))
        // Four streams, each on its own shard.
        var chosen: [UInt32] = []
        var used = Set<Int>()
        var candidate = UInt32(0x5000_0000)
        while chosen.count < 4 {
            let shard = ReceiverShardDispatch.shard(host: host, ssrc: candidate, shardCount: shardCount)
            if used.insert(shard).inserted { chosen.append(candidate) }
            candidate += 1
        }
        let (byeStream, idleStream) = (chosen[0], chosen[1])
        let steadyStreams = [chosen[2], chosen[3]]
        let (summary, intervals) = try await Self.run(
            shards: shardCount, configure: { $0.streamIdleTimeout = .milliseconds(300) }
        ) { client, target in
            var sequence: UInt16 = 0
            func round(_ ssrcs: [UInt32]) async throws {
                sequence += 1
                for ssrc in ssrcs { try await client.send(Self.rtp(ssrc: ssrc, sequence: sequence), to: target) }
                try await Task.sleep(for: .milliseconds(20))
            }
            try await round([byeStream])  // the primary stream: the first to start
            for _ in 0..<14 { try await round([byeStream, idleStream] + steadyStreams) }
            // The primary says BYE (the run goes on: other streams play), the second goes quiet.
            try await client.send(Self.goodbye(ssrc: byeStream), to: target)
            for _ in 0..<30 { try await round(steadyStreams) }
            // The quiet stream comes back after its idle timeout: a new stream.
            for _ in 0..<10 { try await round([idleStream] + steadyStreams) }
        }
        let streams = try #require(summary.streams)
        // bye + idle (ended) + its return + two steady: five streams seen.
        #expect(summary.streamCount == 5, "\(streams.map { $0.stream ?? "" })")
        #expect(summary.stream?.hasSuffix("ssrc \(byeStream.hex)") == true)
        #expect(summary.senderSaidGoodbye)
        for ssrc in steadyStreams {
            let steady = streams.filter { $0.stream?.hasSuffix("ssrc \(ssrc.hex)") == true }
            #expect(steady.map(\.packets) == [54], "every packet of the steady streams, after the BYE too")
        }
        let idle = streams.filter { $0.stream?.hasSuffix("ssrc \(idleStream.hex)") == true }.map(\.packets).sorted()
        #expect(idle == [10, 14], "the quiet stream ended after 14 packets; its return is a new stream")
        let sent: Int64 = 15 + 14 + 2 * 54 + 10
        let intervalPackets: Int64 = intervals.reduce(0) { $0 + $1.packets }
        #expect(intervalPackets == sent)
    }
}

/// Interval records collected from the runner's callback.
final class RecordBox: Sendable {
    private let records = Mutex<[IntervalRecord]>([])
    func append(_ record: IntervalRecord) { records.withLock { $0.append(record) } }
    var all: [IntervalRecord] { records.withLock { $0 } }
}
