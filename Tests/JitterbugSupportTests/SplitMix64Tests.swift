import JitterbugSupport
import Testing

@Suite struct SplitMix64Tests {
    @Test func matchesTheReferenceOutputs() {
        // Published SplitMix64 outputs for seed 0 (Vigna's splitmix64.c).
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
        var state: UInt64 = 0
        #expect(SplitMix64.step(&state) == 0xE220_A839_7B1D_CDAF)
    }

    @Test func unitIntervalAndGaussianStayInRange() {
        var generator = SplitMix64(seed: 7)
        var sum = 0.0
        var sumOfSquares = 0.0
        let count = 20_000
        for _ in 0..<count {
            let unit = generator.nextUnitInterval()
            #expect(unit >= 0 && unit < 1)
            let normal = generator.nextGaussian()
            #expect(normal.isFinite)
            sum += normal
            sumOfSquares += normal * normal
        }
        // Mean 0 and variance 1 within a few standard errors (1/sqrt(20000) ≈ 0.007).
        #expect(abs(sum / Double(count)) < 0.03)
        #expect(abs(sumOfSquares / Double(count) - 1) < 0.05)
    }
}
