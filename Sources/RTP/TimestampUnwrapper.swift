/// Extends 32-bit RTP timestamps to 64 bits using nearest-to-last interpretation (±2^31 units).
/// The first value maps to itself.
public struct TimestampUnwrapper: Sendable, Hashable {
    /// Last extended value returned, `nil` before the first call.
    public private(set) var lastExtended: Int64?

    public init() {}

    /// Extends `timestamp` (clock units) and remembers it as the new reference.
    public mutating func unwrap(_ timestamp: UInt32) -> Int64 {
        let value: Int64
        if let last = lastExtended {
            let lastRaw = UInt32(truncatingIfNeeded: last)
            value = last + SequenceArithmetic.timestampDistance(from: lastRaw, to: timestamp)
        } else {
            value = Int64(timestamp)
        }
        lastExtended = value
        return value
    }
}
