/// Modular comparisons for RTP sequence numbers (16-bit) and timestamps (32-bit), RFC 3550 §A.1.
public enum SequenceArithmetic {
    /// Signed distance from `from` to `to` modulo 2^16, in -32768...32767 (positive = `to` is
    /// later). Exactly half-way (32768 apart) is reported as -32768.
    public static func distance(from: UInt16, to: UInt16) -> Int {
        Int(Int16(bitPattern: to &- from))
    }

    /// True when `candidate` is strictly newer than `reference` (less than half the space ahead).
    public static func isNewer(_ candidate: UInt16, than reference: UInt16) -> Bool {
        distance(from: reference, to: candidate) > 0
    }

    /// Signed RTP timestamp difference `to - from` with Int32 wrap semantics, in clock units.
    public static func timestampDistance(from: UInt32, to: UInt32) -> Int64 {
        Int64(Int32(bitPattern: to &- from))
    }

    /// True when timestamp `candidate` is strictly after `reference` modulo 2^32.
    public static func isNewer(timestamp candidate: UInt32, than reference: UInt32) -> Bool {
        timestampDistance(from: reference, to: candidate) > 0
    }
}
