#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Sampling helpers. Each documents how many 64-bit draws it consumes, because the sequence of
/// draws is what makes a seeded run reproducible.
extension SeededGenerator {
    /// A uniform double in [0, 1) with 53 random bits. One draw.
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with the given probability (clamped to [0, 1]). Always one draw, even for 0 or 1,
    /// so the draw sequence does not depend on the probability's value.
    public mutating func nextBernoulli(_ probability: Double) -> Bool {
        nextUnitInterval() < probability
    }

    /// A uniform integer in `0..<upperBound` (returns 0 when `upperBound <= 1`, still one draw).
    /// Uses the multiply-high method; bias is below 2^-40 for the sizes used here (< 2^24).
    public mutating func nextIndex(below upperBound: Int) -> Int {
        let bits = next()
        guard upperBound > 1 else { return 0 }
        return Int(bits.multipliedFullWidth(by: UInt64(upperBound)).high)
    }

    /// A standard normal deviate (mean 0, σ 1) by the Box–Muller transform. Two draws.
    public mutating func nextStandardNormal() -> Double {
        // 1 - u is in (0, 1], so log never sees 0.
        let u1 = 1.0 - nextUnitInterval()
        let u2 = nextUnitInterval()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// A Pareto deviate with scale 1 and the given shape α (> 0): x = U^(-1/α), x ≥ 1. One draw.
    public mutating func nextPareto(shape: Double) -> Double {
        let u = 1.0 - nextUnitInterval()  // (0, 1]
        return pow(u, -1.0 / shape)
    }
}
