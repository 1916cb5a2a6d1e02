/// 16-bit sequence and 32-bit timestamp unwrapping (RFC 3550 style): the value closest to a reference.
enum WrapArithmetic {
    /// Extended sequence number nearest `reference` (within ±32 768).
    @inline(__always) static func unwrap(_ value: UInt16, near reference: Int64) -> Int64 {
        reference + Int64(Int16(bitPattern: value &- UInt16(truncatingIfNeeded: reference)))
    }

    /// Extended timestamp nearest `reference` (within ±2³¹).
    @inline(__always) static func unwrap(_ value: UInt32, near reference: Int64) -> Int64 {
        reference + Int64(Int32(bitPattern: value &- UInt32(truncatingIfNeeded: reference)))
    }
}
