import Testing
import Impairment

@Suite struct RobustnessTests {
    @Test func extremeValuesDoNotTrap() throws {
        var engine = ImpairmentEngine(spec: try ImpairmentSpec(parsing: "rate=1bit,limit=5,delay=1ms,jitter=100000s,dist=pareto"))
        for i in 0..<2_000 {
            let decision = engine.process(sendTime: .seconds(i), sizeBytes: i == 0 ? Int.max : 1_000)
            #expect(decision.deliveries.allSatisfy { $0.deliverAt >= decision.sendTime })
        }
        #expect(RateLimit.bitsPerSecond(1).serialisationTime(sizeBytes: Int.max) == .seconds(8 << 30))
        #expect(RateLimit.bitsPerSecond(-5).serialisationTime(sizeBytes: 100) == .zero)
    }

    @Test func apiBuiltOddValuesAreTolerated() {
        var parameters = ImpairmentParameters()
        parameters.rate = .bitsPerSecond(1_000_000)
        parameters.queueLimitPackets = 0  // treated as 1
        var engine = ImpairmentEngine(direction: DirectionSpec(base: parameters), seed: 1)
        #expect(engine.process(sendTime: .zero, sizeBytes: 1250).dropReason == nil)
        #expect(engine.process(sendTime: .zero, sizeBytes: 1250).dropReason == .queue)
        let odd = LossModel.gilbertElliottMeanBurst(loss: Probability(clampingPartsPerMillion: 5), meanBurstPackets: .infinity)
        #expect(odd.description == "ge:0.0005%/0")
        #expect(Probability(partsPerMillion: 1_000_001) == nil)
        #expect(Probability(clampingPartsPerMillion: -3) == .zero)
    }
}

/// Regression inputs found by fuzzing (Tools/Fuzz/Corpus/fuzz-impair-spec/crash-ge-burst-overflow).
@Suite struct FuzzRegressionTests {
    @Test func hugeGilbertElliottBurstDoesNotOverflow() throws {
        let spec = try ImpairmentSpec(parsing: "loss=ge:2%/999999999999")
        #expect(!spec.isEmpty)
    }
}
