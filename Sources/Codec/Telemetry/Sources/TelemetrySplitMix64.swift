import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014), a seedable PRNG so synthetic telemetry is
/// reproducible. (Media has its own copy; Codec cannot depend on Media.)
struct TelemetrySplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 bits of precision.
    mutating func nextUnitInterval() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Standard normal deviate (Box–Muller; one of the pair is discarded for simplicity).
    mutating func nextGaussian() -> Double {
        let u1 = 1 - nextUnitInterval()  // (0, 1], so log is finite
        let u2 = nextUnitInterval()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
