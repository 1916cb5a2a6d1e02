import Testing
@testable import Impairment

@Suite struct SeededGeneratorTests {
    @Test func xoshiroMatchesIndependentReference() {
        // From an independent Python transcription of xoshiro256** seeded by SplitMix64(42).
        var generator = SeededGenerator(seed: 42)
        #expect(generator.next() == 0x1578_0B2E_0C2E_C716)
        #expect(generator.next() == 0x6104_D986_6D11_3A7E)
        #expect(generator.next() == 0xAE17_5332_39E4_99A1)
        #expect(generator.next() == 0xECB8_AD47_03B3_60A1)
        var zero = SeededGenerator(seed: 0)
        #expect(zero.next() == 0x99EC_5F36_CB75_F2B4)
    }

    @Test func unitIntervalAndIndexStayInRange() {
        var generator = SeededGenerator(seed: 7)
        var sum = 0.0
        var buckets = [Int](repeating: 0, count: 8)
        for _ in 0..<80_000 {
            let u = generator.nextUnitInterval()
            #expect(u >= 0 && u < 1)
            sum += u
            buckets[generator.nextIndex(below: 8)] += 1
        }
        #expect(abs(sum / 80_000 - 0.5) < 0.01)
        for bucket in buckets { #expect(abs(bucket - 10_000) < 500) }
        #expect(generator.nextIndex(below: 0) == 0)
        #expect(generator.nextIndex(below: 1) == 0)
    }

    @Test func standardNormalHasUnitMoments() {
        var generator = SeededGenerator(seed: 9)
        let samples = (0..<50_000).map { _ in generator.nextStandardNormal() }
        #expect(abs(mean(samples)) < 0.02)
        #expect(abs(standardDeviation(samples) - 1) < 0.02)
    }
}
