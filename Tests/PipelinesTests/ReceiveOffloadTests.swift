import Reports
import NIOCore
import RTP
import Pipelines
import Testing
import Transport

/// The receive loop splits GRO aggregates: every datagram in a GSO batch is counted, parsed and
/// rejected on its own, exactly as without offload.
@Suite struct ReceiveOffloadTests {
    @Test(.enabled(if: UDPTransport.supportsSegmentationOffload), arguments: [true, false])
    func runnerCountsEveryDatagramOfAGSOBatch(receiveOffload: Bool) async throws {
        var packetizer = RTPPacketizer(
            payloadType: 111, clockRate: 48_000, ssrc: 0x1234_5678, initialSequenceNumber: 100, initialTimestamp: 0)
        // 40 RTP packets and 10 junk datagrams (RTP version 0), all 172 bytes: one GSO run.
        var datagrams = (0..<40).map { i in
            packetizer.makePacket(payload: [UInt8](repeating: UInt8(i), count: 160), timestampOffsetSamples: UInt32(i) * 960)
                .serialized()
        }
        #expect(datagrams.allSatisfy { $0.count == 172 })
        datagrams += Array(repeating: [UInt8](repeating: 0, count: 172), count: 10)
        var settings = AudioReceiverConfiguration()
        settings.decodeAudio = false
        let configuration = settings
        let batch = datagrams
        let summary = try await UDPTransport.withSocket(
            boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: 0), options: UDPSocketOptions(receiveOffload: receiveOffload)
        ) { server in
            let target = try #require(server.localAddress)
            return try await withThrowingTaskGroup(of: ReceiverSummary?.self) { group in
                group.addTask {
                    try await AudioReceiverRunner.run(
                        socket: server, configuration: configuration,
                        stop: ReceiverStopCondition(duration: .seconds(5), idle: .milliseconds(300)),
                        options: ReceiverRunOptions(rtcpMux: true)
                    ) { _, _, _ in }
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(100))
                    try await UDPTransport.withSocket(boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: 0)) { client in
                        try await client.send(batch: batch.map { (bytes: $0, remote: target) })
                    }
                    return nil
                }
                var result: ReceiverSummary?
                for try await summary in group { if let summary { result = summary } }
                return try #require(result)
            }
        }
        #expect(summary.datagramsReceived == 50)
        // All 40 count: the first packet starts A.1 probation and is counted once the source is valid.
        #expect(summary.packets == 40)
        #expect(summary.rejected.values.reduce(0, +) == 10, "\(summary.rejected)")
    }
}
