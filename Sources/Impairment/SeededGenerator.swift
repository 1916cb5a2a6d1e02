import JitterbugSupport

/// A small, fast, seedable pseudo-random generator: xoshiro256** (Blackman & Vigna, 2018)
/// whose 256-bit state is filled from the 64-bit seed by SplitMix64, as the authors recommend.
///
/// Every random draw of the impairment engine comes from one of these, so a seed fully
/// determines an impairment run. Not cryptographically secure.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator from a 64-bit seed. Any value (including 0) is valid: SplitMix64
    /// never yields the all-zero state xoshiro must avoid for all four words at once.
    public init(seed: UInt64) {
        var splitMix = seed
        s0 = SplitMix64.step(&splitMix)
        s1 = SplitMix64.step(&splitMix)
        s2 = SplitMix64.step(&splitMix)
        s3 = SplitMix64.step(&splitMix)
    }

    /// The next 64 uniformly distributed bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, by k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
