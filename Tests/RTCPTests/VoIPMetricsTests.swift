import RTP
import Stats
import Testing
@testable import RTCP

@Suite struct VoIPMetricsTests {
    /// 100 packets: 10, 11, 12 lost (a burst), 50 discarded (late), the rest received.
    static func lossPattern() -> LossPatternAnalyzer {
        var analyzer = LossPatternAnalyzer()
        for index in 0..<100 {
            switch index {
            case 10, 11, 12: analyzer.record(.lost)
            case 50: analyzer.record(.discarded)
            default: analyzer.record(.received)
            }
        }
        return analyzer
    }

    static func inputs() -> VoIPMetricsInputs {
        VoIPMetricsInputs(
            lossPattern: lossPattern(), packetDurationMilliseconds: 20,
            jitterBuffer: JitterBufferFigures(
                currentDelayMilliseconds: 60, nominalDelayMilliseconds: 60, maximumDelayMilliseconds: 120,
                absoluteMaximumDelayMilliseconds: 500, isAdaptive: true, adjustmentRate: 3),
            codecDelayMilliseconds: 26.5)
    }

    @Test func blockFieldsFromHandComputedPattern() {
        let (block, quality) = Self.inputs().makeBlock(sourceSSRC: Fixture.senderSSRC, roundTripTime: nil)
        #expect(block.ssrc == Fixture.senderSSRC)
        #expect(block.lossRate == 7)  // 3/100 × 256 = 7.68
        #expect(block.discardRate == 2)  // 1/100 × 256 = 2.56
        // A.2 counts: c11 37, c13 1, c22 9, c23 1, c33 2 → p23 0.1, p32 0.25 → density 0.2857.
        #expect(block.burstDensity == 73)
        #expect(block.gapDensity == 0)
        #expect(block.gapDurationMilliseconds == 760)  // (37 + 1) × 20 / 1
        #expect(block.burstDurationMilliseconds == 280)  // 52 × 20 − 760
        #expect(block.roundTripDelayMilliseconds == 0)  // unknown → 0 (RFC 3611 §4.7.3)
        #expect(block.endSystemDelayMilliseconds == 87)  // 60 + 26.5 rounded
        #expect(block.gMin == 16)
        #expect(block.signalLevelDB == 127 && block.noiseLevelDB == 127 && block.residualEchoReturnLossDB == 127)
        #expect(block.externalRFactor == 127)
        // Ppl 4 %, BurstR 1/(2/95 + 2/4) = 1.919; Ie,eff = 2 + 93 × 4 / (4/1.919 + 16) = 22.57;
        // delay 86.5 ms < 100 ms → Idd 0; R = 93.2 − 22.57 = 70.63; MOS = 3.626.
        #expect(abs(quality.rFactor - 70.63) < 0.01)
        #expect(block.rFactor == 71)
        #expect(block.mosLQ == 36)
        #expect(block.mosCQ == 36)
        #expect(block.packetLossConcealment == .enhanced)
        #expect(block.jitterBufferAdaptivity == .adaptive)
        #expect(block.jitterBufferRate == 3)
        #expect(block.jitterBufferNominalMilliseconds == 60)
        #expect(block.jitterBufferMaximumMilliseconds == 120)
        #expect(block.jitterBufferAbsoluteMaximumMilliseconds == 500)
    }

    @Test func roundTripTimeFillsDelayAndLowersConversationalMOS() {
        let (block, quality) = Self.inputs().makeBlock(sourceSSRC: 1, roundTripTime: .milliseconds(300))
        #expect(block.roundTripDelayMilliseconds == 300)
        // One-way = 150 + 86.5 = 236.5 ms → Idd > 0: CQ below LQ.
        #expect(quality.oneWayDelayMilliseconds == 236.5)
        #expect(quality.mos < quality.listeningMOS)
        #expect(block.mosCQ < block.mosLQ)
    }

    @Test func receiverCompoundCarriesVoIPMetricsThatRoundTrip() throws {
        var statistics = ReportExchangeTests.statisticsWithKnownLoss()
        var receiver = RTCPReceiverSide(ssrc: Fixture.receiverSSRC, cname: "rx")
        let packets = receiver.makeCompound(
            sourceSSRC: Fixture.senderSSRC, statistics: &statistics, now: .seconds(1), nowNTP: Fixture.srNTP,
            voipMetrics: Self.inputs())
        let parsed = try RTCPCompound.parse(RTCPCompound.serialize(packets))
        #expect(parsed == packets)
        guard case .extendedReport(let xr) = parsed.last else {
            Issue.record("expected XR last, got \(parsed)")
            return
        }
        let expected = Self.inputs().makeBlock(sourceSSRC: Fixture.senderSSRC, roundTripTime: nil).block
        #expect(xr.voipMetrics == [expected])
        #expect(receiver.lastQualityEstimate?.rFactor == Self.inputs().makeBlock(sourceSSRC: 0, roundTripTime: nil).quality.rFactor)

        // The sender side keeps the block about its stream.
        var sender = RTCPSenderSide(ssrc: Fixture.senderSSRC, cname: "tx")
        sender.process(packets: parsed, arrival: .seconds(2), arrivalNTP: Fixture.srNTP)
        #expect(sender.latestVoIPMetrics == expected)
    }

    @Test func qualityEstimateHandValues() {
        // No delay, no loss: R = 93.2 − Ie 2 = 91.2; MOS = 1 + 3.192 + 91.2·31.2·8.8·7e-6 = 4.3673.
        let clean = QualityEstimate(oneWayDelayMilliseconds: 0, effectiveLossPercent: 0)
        #expect(abs(clean.rFactor - 91.2) < 1e-9)
        #expect(abs(clean.mos - 4.3673) < 1e-4)
        #expect(clean.listeningMOS == clean.mos)
        #expect(clean.codecName == CodecImpairment.opusProvisional.name)

        // Loss counted once: 3 lost + 2 late of 100 expected = 5 %; delay 50 + 60 + 20 = 130 ms.
        let combined = QualityEstimate(
            networkOneWayDelayMilliseconds: 50, jitterBufferDelayMilliseconds: 60, codecDelayMilliseconds: 20,
            expectedPackets: 100, networkLostPackets: 3, latePackets: 2)
        #expect(combined.effectiveLossPercent == 5)
        #expect(combined.oneWayDelayMilliseconds == 130)
        let reference = EModel.rFactor(
            oneWayDelayMilliseconds: 130, packetLossPercent: 5, codec: .opusProvisional)
        #expect(combined.rFactor == reference)
        #expect(combined.mos < combined.listeningMOS)

        // Nothing expected yet, negative or non-finite inputs: no trap, no loss.
        let empty = QualityEstimate(
            networkOneWayDelayMilliseconds: .nan, jitterBufferDelayMilliseconds: -5, expectedPackets: 0,
            networkLostPackets: -3, latePackets: 0)
        #expect(empty.effectiveLossPercent == 0)
        #expect(empty.oneWayDelayMilliseconds == 0)
    }
}
