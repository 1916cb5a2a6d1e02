import Foundation
import Testing
@testable import Stats

@Suite("ITU-T G.107 E-model")
struct EModelTests {
    @Test("No loss, small delay: R = 93.2 and MOS(93.2) = 4.409 per Annex B")
    func defaults() {
        let r = EModel.rFactor(oneWayDelayMilliseconds: 20, packetLossPercent: 0, codec: .g711)
        #expect(r == 93.2)
        // 1 + 0.035·93.2 + 93.2·33.2·6.8·7e-6 = 1 + 3.262 + 0.147285824
        #expect(abs(EModel.mos(rFactor: 93.2) - 4.409285824) < 1e-9)
        #expect(abs(EModel.mos(rFactor: r) - 4.41) < 0.005)
    }

    @Test("Idd is 0 up to 100 ms and follows the G.107 formula above")
    func delayImpairment() {
        #expect(EModel.delayImpairment(oneWayDelayMilliseconds: 0) == 0)
        #expect(EModel.delayImpairment(oneWayDelayMilliseconds: 100) == 0)
        // Ta = 200: X = 1 → 25·(2^(1/6) − 3·(730/729)^(1/6) + 2) = 25·(1.122462 − 3.000685 + 2) = 3.0444
        let expected200 = 25 * (pow(2, 1.0 / 6) - 3 * pow(730.0 / 729, 1.0 / 6) + 2)
        #expect(abs(EModel.delayImpairment(oneWayDelayMilliseconds: 200) - expected200) < 1e-12)
        #expect(abs(expected200 - 3.0444) < 1e-4)
        // Ta = 400: X = 2 → 25·(65^(1/6) − 3·(1 + 64/729)^(1/6) + 2) ≈ 24.07
        #expect(abs(EModel.delayImpairment(oneWayDelayMilliseconds: 400) - 24.07) < 0.01)
    }

    @Test("Delay 200 ms, G.711, no loss: R ≈ 90.16")
    func delay200() {
        let r = EModel.rFactor(oneWayDelayMilliseconds: 200, packetLossPercent: 0, codec: .g711WithPLC)
        #expect(abs(r - 90.16) < 0.5)
        #expect(abs(r - (93.2 - 3.0444142)) < 1e-6)
    }

    @Test("Ie,eff = Ie + (95 − Ie)·Ppl/(Ppl/BurstR + Bpl) for BurstR 1 and 2")
    func effectiveImpairment() {
        // G.711 + PLC (Ie 0, Bpl 25.1), 2 % loss: 95·2/(2 + 25.1) and 95·2/(1 + 25.1).
        let random = EModel.effectiveEquipmentImpairment(codec: .g711WithPLC, packetLossPercent: 2, burstRatio: 1)
        let bursty = EModel.effectiveEquipmentImpairment(codec: .g711WithPLC, packetLossPercent: 2, burstRatio: 2)
        #expect(abs(random - 190 / 27.1) < 1e-12)
        #expect(abs(bursty - 190 / 26.1) < 1e-12)
        #expect(bursty > random)
        // G.711 without PLC (Bpl 4.3), 1 %: 95/5.3 = 17.92.
        let plain = EModel.effectiveEquipmentImpairment(codec: .g711, packetLossPercent: 1)
        #expect(abs(plain - 95 / 5.3) < 1e-12)
        // Non-zero Ie: Ie 10, Bpl 20, 5 %: 10 + 85·5/(5 + 20) = 27.
        let codec = CodecImpairment(name: "test", equipmentImpairment: 10, packetLossRobustness: 20)
        #expect(abs(EModel.effectiveEquipmentImpairment(codec: codec, packetLossPercent: 5) - 27) < 1e-12)
    }

    @Test("R combines delay and loss")
    func combined() {
        let r = EModel.rFactor(
            oneWayDelayMilliseconds: 200, packetLossPercent: 2, burstRatio: 2, codec: .g711WithPLC
        )
        #expect(abs(r - (93.2 - 3.0444142 - 190 / 26.1)) < 1e-6)
    }

    @Test("MOS mapping bounds and an interior value")
    func mosMapping() {
        #expect(EModel.mos(rFactor: -5) == 1)
        #expect(EModel.mos(rFactor: 0) == 1)
        #expect(EModel.mos(rFactor: 100) == 4.5)
        #expect(EModel.mos(rFactor: 130) == 4.5)
        // 1 + 1.75 + 50·(−10)·50·7e-6 = 2.575
        #expect(abs(EModel.mos(rFactor: 50) - 2.575) < 1e-12)
        #expect(EModel.mos(rFactor: .nan) == 1)
    }

    @Test("BurstR from Gilbert–Elliott p, r")
    func burstRatio() {
        #expect(abs(EModel.burstRatio(goodToBadProbability: 1.0 / 7, badToGoodProbability: 1.0 / 3) - 2.1) < 1e-12)
        #expect(EModel.burstRatio(goodToBadProbability: 0.02, badToGoodProbability: 0.98) == 1)
        #expect(EModel.burstRatio(goodToBadProbability: 0, badToGoodProbability: 0) == 1)
    }

    @Test("Bad inputs do not trap: negative/NaN delay and loss count as 0, loss capped at 100 %")
    func sanitizing() {
        let r = EModel.rFactor(oneWayDelayMilliseconds: -.infinity, packetLossPercent: .nan, codec: .g711)
        #expect(r == 93.2)
        let capped = EModel.effectiveEquipmentImpairment(codec: .g711, packetLossPercent: 500)
        #expect(capped == EModel.effectiveEquipmentImpairment(codec: .g711, packetLossPercent: 100))
    }
}
