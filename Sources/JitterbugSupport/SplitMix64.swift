#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast, seedable generator with a 2^64 period,
/// the one seeded generator of the package. Synthetic audio and telemetry draw from it so a seed
/// reproduces a run; the impairment engine seeds its xoshiro256** state with ``step(_:)``.
/// Not cryptographically secure.
package struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    /// One step of SplitMix64 on `state`: advances it and returns the next output.
    package static func step(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    package mutating func next() -> UInt64 { Self.step(&state) }

    /// Uniform in [0, 1) with 53 bits of precision.
    package mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal deviate (Box–Muller; the second of the pair is discarded).
    package mutating func nextGaussian() -> Double {
        let u1 = 1 - nextUnitInterval()  // (0, 1], so the logarithm is finite
        let u2 = nextUnitInterval()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
