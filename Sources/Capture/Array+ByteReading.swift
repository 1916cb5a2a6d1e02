extension [UInt8] {
    /// 32-bit value at `index` in the given byte order. Traps if out of bounds: callers check.
    @inline(__always)
    func uint32(at index: Int, bigEndian: Bool) -> UInt32 {
        let b0 = UInt32(self[index]), b1 = UInt32(self[index + 1])
        let b2 = UInt32(self[index + 2]), b3 = UInt32(self[index + 3])
        return bigEndian ? b0 << 24 | b1 << 16 | b2 << 8 | b3 : b3 << 24 | b2 << 16 | b1 << 8 | b0
    }

    /// 16-bit value at `index` in the given byte order. Traps if out of bounds: callers check.
    @inline(__always)
    func uint16(at index: Int, bigEndian: Bool) -> UInt16 {
        let b0 = UInt16(self[index]), b1 = UInt16(self[index + 1])
        return bigEndian ? b0 << 8 | b1 : b1 << 8 | b0
    }

    /// Big-endian (network order) 16-bit value at `index`.
    @inline(__always)
    func uint16BE(at index: Int) -> Int {
        Int(self[index]) << 8 | Int(self[index + 1])
    }

    /// Big-endian (network order) 32-bit value at `index`.
    @inline(__always)
    func uint32BE(at index: Int) -> UInt32 {
        uint32(at: index, bigEndian: true)
    }
}
