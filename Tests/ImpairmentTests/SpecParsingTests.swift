import Testing
@testable import Impairment

@Suite struct SpecParsingTests {
    private func base(_ text: String) throws -> ImpairmentParameters {
        let spec = try ImpairmentSpec(parsing: text)
        #expect(spec.up == spec.down, "unprefixed terms apply to both directions")
        return spec.up.base
    }

    private func percent(_ ppm: Int) -> Probability { Probability(clampingPartsPerMillion: ppm) }

    @Test func emptyAndBlankSpecsAreEmpty() throws {
        #expect(try ImpairmentSpec(parsing: "").isEmpty)
        #expect(try ImpairmentSpec(parsing: "  ").isEmpty)
        #expect(try ImpairmentSpec(parsing: "seed=5").isEmpty)
        #expect(try ImpairmentSpec(parsing: "seed=5").seed == 5)
        #expect(!(try ImpairmentSpec(parsing: "loss=1%").isEmpty))
        #expect(!(try ImpairmentSpec(parsing: "blackhole=1s+1s").isEmpty))
        #expect(!(try ImpairmentSpec(parsing: "at=5s:delay=1ms").isEmpty))
        #expect(try ImpairmentSpec(parsing: "loss=0%").isEmpty)
    }

    @Test func lossTerms() throws {
        #expect(try base("loss=5%").loss == .bernoulli(percent(50_000)))
        #expect(try base("loss=0.0001%").loss == .bernoulli(percent(1)))
        #expect(try base("loss=100%").loss == .bernoulli(.one))
        #expect(try base("loss=0%").loss == LossModel.none)
        #expect(try base("loss=ge:5%/3").loss == .gilbertElliottMeanBurst(loss: percent(50_000), meanBurstPackets: 3))
        #expect(try base("loss=ge:5%/2.5").loss == .gilbertElliottMeanBurst(loss: percent(50_000), meanBurstPackets: 2.5))
        let raw = LossModel.GilbertElliottParameters(
            goodToBad: percent(10_000), badToGood: percent(300_000), lossInBad: percent(900_000), lossInGood: percent(1_000))
        #expect(try base("loss=ge:p=1%/r=30%/bad=90%/good=0.1%").loss == .gilbertElliott(raw))
        #expect(try base("loss=ge:r=30%/p=1%").loss
            == .gilbertElliott(.init(goodToBad: percent(10_000), badToGood: percent(300_000))))
    }

    @Test func meanBurstFormDerivesSimpleGilbertChain() throws {
        // L = 5 %, B = 3: r = 1/3, p = r·L/(1-L) = 1/57; stationary loss p/(p+r) = 0.05.
        let chain = try #require(try base("loss=ge:5%/3").loss.markovChain)
        #expect(abs(chain.badToGood - 1.0 / 3) < 1e-12)
        #expect(abs(chain.goodToBad - 1.0 / 57) < 1e-12)
        #expect(chain.lossInBad == 1 && chain.lossInGood == 0)
        #expect(abs(chain.goodToBad / (chain.goodToBad + chain.badToGood) - 0.05) < 1e-12)
    }

    @Test func timeRateAndFlagTerms() throws {
        let p = try base("delay=40ms, jitter=1.5ms ,dist=normal,inorder,reorder=1%,duplicate=0.5%,corrupt=0.1%,rate=1.5mbit,limit=100")
        #expect(p.delay == .milliseconds(40))
        #expect(p.jitter == .microseconds(1500))
        #expect(p.distribution == .normal)
        #expect(p.inOrder)
        #expect(p.reorder == percent(10_000))
        #expect(p.duplicate == percent(5_000))
        #expect(p.corrupt == percent(1_000))
        #expect(p.rate == .bitsPerSecond(1_500_000))
        #expect(p.queueLimitPackets == 100)
        #expect(try base("delay=250us").delay == .microseconds(250))
        #expect(try base("delay=2s").delay == .seconds(2))
        #expect(try base("dist=pareto").distribution == .pareto)
        #expect(try base("rate=64kbit").rate == .bitsPerSecond(64_000))
        #expect(try base("rate=1gbit").rate == .bitsPerSecond(1_000_000_000))
        #expect(try base("rate=800bit").rate == .bitsPerSecond(800))
        #expect(try base("rate=unlimited").rate == .unlimited)
        #expect(try base("LOSS=5%,Delay=40MS").delay == .milliseconds(40), "case-insensitive")
    }

    /// The same parameter twice is an error (SpecErrorTests); a direction's own term refines the
    /// term for both directions.
    @Test func directionTermRefinesTheGeneralOne() throws {
        let spec = try ImpairmentSpec(parsing: "loss=5%,up:loss=1%")
        #expect(spec.up.base.loss == .bernoulli(percent(10_000)))
        #expect(spec.down.base.loss == .bernoulli(percent(50_000)))
    }

    @Test func blackholeSeedAndDirections() throws {
        let spec = try ImpairmentSpec(parsing: "blackhole=30s+10s,up:loss=5%,down:delay=10ms,delay=20ms,seed=42")
        #expect(spec.seed == 42)
        #expect(spec.up.blackholes == [BlackholeWindow(start: .seconds(30), length: .seconds(10))])
        #expect(spec.down.blackholes == spec.up.blackholes)
        #expect(spec.up.base.loss == .bernoulli(percent(50_000)))
        #expect(spec.down.base.loss == LossModel.none)
        #expect(spec.up.base.delay == .milliseconds(20))
        #expect(spec.down.base.delay == .milliseconds(20), "the later unprefixed delay overrides down:delay")
        #expect(spec[.up] == spec.up)
    }

    @Test func phasesMergeBySortedStart() throws {
        let spec = try ImpairmentSpec(parsing: "delay=10ms,at=60s:loss=0%,at=30s:loss=20%,up:at=30s:delay=50ms,at=30s:up:jitter=5ms")
        #expect(spec.up.phases.map(\.start) == [.seconds(30), .seconds(60)])
        var thirty = ParameterOverrides()
        thirty.loss = .bernoulli(percent(200_000))
        thirty.delay = .milliseconds(50)
        thirty.jitter = .milliseconds(5)
        #expect(spec.up.phases[0].overrides == thirty)
        #expect(spec.down.phases[0].overrides.delay == nil)
        #expect(spec.up.phases[1].overrides.loss == LossModel.none)
        #expect(spec.up.parameters(at: .seconds(29)).delay == .milliseconds(10))
        #expect(spec.up.parameters(at: .seconds(30)).delay == .milliseconds(50))
        #expect(spec.up.parameters(at: .seconds(45)).loss == .bernoulli(percent(200_000)))
        #expect(spec.up.parameters(at: .seconds(60)).loss == LossModel.none)
        #expect(spec.up.parameters(at: .seconds(60)).delay == .milliseconds(50), "a phase keeps what later phases do not set")
    }

    @Test(arguments: [
        "",
        "loss=5%",
        "loss=ge:5%/3",
        "loss=ge:0.5%/1.25",
        "loss=ge:p=1%/r=30%/bad=100%/good=0%",
        "delay=40ms,jitter=10ms,dist=normal,inorder",
        "delay=1500us,jitter=2s,dist=pareto,reorder=1%,duplicate=0.5%,corrupt=0.1%",
        "rate=1mbit,limit=100",
        "rate=1500kbit",
        "blackhole=30s+10s,blackhole=0ms+250us",
        "loss=1%,at=30s:loss=20%,at=30s:rate=unlimited,at=60s:loss=0%,seed=42",
        "delay=10ms,up:loss=5%,down:delay=20ms,up:at=5s:inorder,down:blackhole=1s+1s,seed=18446744073709551615",
    ])
    func descriptionRoundTrips(text: String) throws {
        let spec = try ImpairmentSpec(parsing: text)
        let again = try ImpairmentSpec(parsing: spec.description)
        #expect(again == spec)
        #expect(again.description == spec.description)
    }

    @Test func descriptionIsCanonical() throws {
        #expect(try ImpairmentSpec(parsing: "jitter=10ms,delay=40ms,dist=uniform").description == "delay=40ms,jitter=10ms")
        #expect(try ImpairmentSpec(parsing: "loss=5.000%,delay=1000ms").description == "loss=5%,delay=1s")
        #expect(try ImpairmentSpec(parsing: "down:delay=10ms,up:loss=5%,seed=3").description
            == "up:loss=5%,down:delay=10ms,seed=3")
        #expect(try ImpairmentSpec(parsing: "up:loss=5%,down:loss=5%").description == "loss=5%")
        #expect(try ImpairmentSpec(parsing: "at=30s:loss=ge:5%/3").description == "at=30s:loss=ge:5%/3")
    }
}
