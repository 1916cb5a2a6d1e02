import JitterbugSupport
import Pipelines
import RTP
import SRTP
import Testing

extension SenderPipelineTests {
    /// `auto` (the default) sends each RTCP compound by UDP and on the TCP standby: with SRTCP
    /// each copy has its own index, so one receiver session takes both (one copy under one
    /// index twice was a replay: `srtp_replay_fail` at every report).
    @Test func autoWithSRTPProtectsEachLegsRTCPCopyOnItsOwn() async throws {
        var random = SplitMix64(seed: 11)
        let key = SRTPKeyMaterial.generate(suite: .aesCM128HMACSHA1_80, using: &random)
        let configuration = SenderPipelineConfiguration(transport: Self.auto(), srtp: try SRTPSession(role: .sender, key: key))
        let network = FakeSenderNetwork(receiver: FakeReceiver(reports: false))
        _ = try await Self.run(network, configuration, seconds: 4)
        let byTCP = network.tcpFrames.filter { RTCPCompound.isRTCP($0) }
        #expect(!byTCP.isEmpty)
        // TCP also carries the standby's keepalive reports, which go on TCP only.
        #expect(byTCP.count >= network.udpRTCP.count)
        let receiver = try SRTPSession(role: .receiver, key: key)
        let tcpClear = try byTCP.map { try receiver.unprotectRTCP($0) }
        for udp in network.udpRTCP {
            #expect(!byTCP.contains(udp), "each leg's copy is protected on its own")
            #expect(tcpClear.contains(try receiver.unprotectRTCP(udp)), "every UDP report has its TCP copy")
        }
    }
}
