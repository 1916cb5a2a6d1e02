/// Hands out the `[UInt8]` address arrays of ``CaptureEndpoint`` without allocating one per
/// packet: a small direct-mapped cache (64 slots per family) of arrays already made. A capture's
/// packets come from few addresses, so nearly every lookup is a hit (a retain, no allocation).
struct AddressCache {
    private static let slots = 64
    private var keys4 = [UInt32](repeating: 0, count: slots)
    private var values4 = [[UInt8]](repeating: [], count: slots)
    private var keys6 = [UInt64](repeating: 0, count: 2 * slots)
    private var values6 = [[UInt8]](repeating: [], count: slots)

    /// The 4 (`isIPv6` false) or 16 bytes at `index` of `bytes`, as a shared array.
    @inline(__always)
    mutating func address(_ bytes: [UInt8], at index: Int, isIPv6: Bool) -> [UInt8] {
        if !isIPv6 {
            let key = bytes.uint32BE(at: index)
            let slot = Int((key &* 0x9e37_79b1) >> 26)
            if keys4[slot] == key, values4[slot].count == 4 { return values4[slot] }
            let value = Array(bytes[index..<(index + 4)])
            keys4[slot] = key
            values4[slot] = value
            return value
        }
        let high = UInt64(bytes.uint32BE(at: index)) << 32 | UInt64(bytes.uint32BE(at: index + 4))
        let low = UInt64(bytes.uint32BE(at: index + 8)) << 32 | UInt64(bytes.uint32BE(at: index + 12))
        let slot = Int(((high ^ low) &* 0x9e37_79b9_7f4a_7c15) >> 58)
        if keys6[2 * slot] == high, keys6[2 * slot + 1] == low, values6[slot].count == 16 { return values6[slot] }
        let value = Array(bytes[index..<(index + 16)])
        keys6[2 * slot] = high
        keys6[2 * slot + 1] = low
        values6[slot] = value
        return value
    }
}
