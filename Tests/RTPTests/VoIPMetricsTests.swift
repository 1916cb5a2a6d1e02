import Testing
@testable import RTP

@Suite("RFC 3611 VoIP Metrics block")
struct VoIPMetricsTests {
    /// Hand-laid XR with one VoIP Metrics block, field by field per RFC 3611 §4.7.
    static let xr = hex("""
        80 cf 00 0a 11 11 11 11
        07 00 00 08 22 22 22 22
        0d 03 c8 02 00 3c 13 88
        00 78 00 2d ee c4 7f 10
        58 7f 2a 29 e5 00 00 28
        00 78 00 c8
        """)

    @Test func parsesEveryField() throws {
        let packets = try RTCPCompound.parse(Self.xr)
        guard case .extendedReport(let report) = packets.first, let block = report.voipMetrics.first else {
            Issue.record("expected XR with VoIP metrics")
            return
        }
        #expect(report.ssrc == 0x1111_1111)
        #expect(block.ssrc == 0x2222_2222)
        #expect(block.lossRate == 13 && block.discardRate == 3)
        #expect(block.burstDensity == 200 && block.gapDensity == 2)
        #expect(block.burstDurationMilliseconds == 60 && block.gapDurationMilliseconds == 5000)
        #expect(block.roundTripDelayMilliseconds == 120 && block.endSystemDelayMilliseconds == 45)
        #expect(block.signalLevelDB == -18 && block.noiseLevelDB == -60)
        #expect(block.residualEchoReturnLossDB == VoIPMetricsBlock.unavailable && block.gMin == 16)
        #expect(block.rFactor == 88 && block.externalRFactor == 127)
        #expect(block.mosLQ == 42 && block.mosCQ == 41)
        #expect(block.packetLossConcealment == .standard)
        #expect(block.jitterBufferAdaptivity == .nonAdaptive)
        #expect(block.jitterBufferRate == 5)
        #expect(block.jitterBufferNominalMilliseconds == 40)
        #expect(block.jitterBufferMaximumMilliseconds == 120)
        #expect(block.jitterBufferAbsoluteMaximumMilliseconds == 200)
        #expect(block.lossFraction == 13.0 / 256)
        #expect(RTCPCompound.serialize(packets) == Self.xr)
    }

    @Test func oddSizedVoIPBlockIsKeptRaw() throws {
        // BT=7 but block length 1: not a valid VoIP Metrics block, preserved and skipped.
        let bytes = hex("80 cf 00 05 00 00 00 01 07 00 00 01 aa bb cc dd 2a 00 00 01 01 02 03 04")
        let packets = try RTCPCompound.parse(bytes)
        #expect(packets == [.extendedReport(ExtendedReport(ssrc: 1, blocks: [
            .unknown(blockType: 7, typeSpecific: 0, body: [0xaa, 0xbb, 0xcc, 0xdd]),
            .unknown(blockType: 42, typeSpecific: 0, body: [1, 2, 3, 4]),
        ]))])
        #expect(RTCPCompound.serialize(packets) == bytes)
    }

    @Test func fixedPointFraction() {
        #expect(VoIPMetricsBlock.fixedPointFraction(0.5) == 128)
        #expect(VoIPMetricsBlock.fixedPointFraction(1.0) == 255)
        #expect(VoIPMetricsBlock.fixedPointFraction(-1) == 0)
        #expect(VoIPMetricsBlock.fixedPointFraction(.nan) == 0)
        #expect(VoIPMetricsBlock.receiverConfiguration(plc: .standard, adaptivity: .nonAdaptive, jitterBufferRate: 5)
            == 0xe5)
    }
}
