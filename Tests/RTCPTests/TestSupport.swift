import JitterbugSupport
import RTP

/// Always returns the same word: 0 makes `Double.random(in: 0.5..<1.5)` exactly 0.5.
struct ConstantGenerator: RandomNumberGenerator, Sendable {
    let value: UInt64
    mutating func next() -> UInt64 { value }
}

enum Fixture {
    static let senderSSRC: UInt32 = 0x1111_1111
    static let receiverSSRC: UInt32 = 0x2222_2222
    static let clockRate = 48_000
    /// An NTP time whose fraction is a multiple of 2^16, so its middle 32 bits are exact.
    static let srNTP = NTPTimestamp(seconds: 3_900_000_000, fraction: 0x8000_0000)

    /// `base` plus `seconds` (a multiple of 2^-32 s expressed as an exact fraction count).
    static func ntp(_ base: NTPTimestamp, plusFraction units: UInt64) -> NTPTimestamp {
        NTPTimestamp(rawValue: base.rawValue &+ units)
    }

    /// 2^32 × 0.375: three eighths of a second in NTP fraction units.
    static let threeEighthsSecond: UInt64 = 0x6000_0000
}
