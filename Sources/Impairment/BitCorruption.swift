/// One flipped bit: `payload[byteIndex] ^= bitMask`. `bitMask` has exactly one bit set.
public struct BitCorruption: Sendable, Hashable, Codable {
    /// Zero-based byte offset into the payload the engine was told about (`sizeBytes`).
    public var byteIndex: Int
    /// The single bit to flip, 1 << (0...7).
    public var bitMask: UInt8

    public init(byteIndex: Int, bitMask: UInt8) {
        self.byteIndex = byteIndex
        self.bitMask = bitMask
    }

    /// Flips the bit in place. Returns false (and changes nothing) when `byteIndex` is outside
    /// `bytes`, e.g. when the payload is shorter than the size given to the engine.
    @discardableResult
    public func apply<Bytes: MutableCollection>(to bytes: inout Bytes) -> Bool where Bytes.Element == UInt8 {
        guard byteIndex >= 0, byteIndex < bytes.count else { return false }
        let index = bytes.index(bytes.startIndex, offsetBy: byteIndex)
        bytes[index] ^= bitMask
        return true
    }

    /// A corrupted copy of `bytes` (unchanged if `byteIndex` is out of range).
    public func applied(to bytes: [UInt8]) -> [UInt8] {
        var copy = bytes
        apply(to: &copy)
        return copy
    }
}
