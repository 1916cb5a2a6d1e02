/// Extends 16-bit RTP sequence numbers to a monotonic-ish 64-bit count.
///
/// Each input is interpreted as the value nearest to the previous one (±32767), so both forward
/// wraps (65535 → 0) and late packets across a wrap (0 then 65535) map correctly. The first
/// value maps to itself; results may become negative if the stream runs backwards past it.
public struct SequenceUnwrapper: Sendable, Hashable {
    /// Last extended value returned, `nil` before the first call.
    public private(set) var lastExtended: Int64?

    public init() {}

    /// Extends `sequenceNumber` and remembers it as the new reference.
    public mutating func unwrap(_ sequenceNumber: UInt16) -> Int64 {
        let value = peek(sequenceNumber)
        lastExtended = value
        return value
    }

    /// Extends `sequenceNumber` without updating the reference.
    public func peek(_ sequenceNumber: UInt16) -> Int64 {
        guard let last = lastExtended else { return Int64(sequenceNumber) }
        let lastRaw = UInt16(truncatingIfNeeded: last)
        return last + Int64(SequenceArithmetic.distance(from: lastRaw, to: sequenceNumber))
    }
}
