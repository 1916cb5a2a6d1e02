/// WebRTC abs-send-time: 24-bit 6.18 fixed-point seconds (6 integer bits, 18 fraction bits),
/// i.e. bits 14...37 of the 64-bit NTP timestamp. Wraps every 64 s; resolution 2^-18 s ≈ 3.8 µs.
public struct AbsoluteSendTime: Sendable, Hashable {
    /// The 24-bit value, 0...0xFFFFFF.
    public let rawValue: UInt32

    /// Keeps the low 24 bits of `rawValue`.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue & 0xFF_FFFF
    }

    /// Takes the 6.18 window out of an NTP timestamp.
    public init(_ ntp: NTPTimestamp) {
        self.init(rawValue: UInt32(truncatingIfNeeded: ntp.rawValue >> 14))
    }

    /// Seconds within the 64 s wrap window, 0 ..< 64.
    public var seconds: Double { Double(rawValue) / 262_144 }

    /// The 3-byte element (big-endian).
    public func extensionElement(id: UInt8 = SendTimeExtension.defaultID) -> RTPHeaderExtensionElement {
        RTPHeaderExtensionElement(
            id: id,
            data: [UInt8(truncatingIfNeeded: rawValue >> 16), UInt8(truncatingIfNeeded: rawValue >> 8),
                   UInt8(truncatingIfNeeded: rawValue)])
    }

    /// Decodes the element; `nil` unless it has exactly 3 data bytes.
    public init?(element: RTPHeaderExtensionElement) {
        guard element.data.count == 3 else { return nil }
        self.init(rawValue: UInt32(element.data[0]) << 16 | UInt32(element.data[1]) << 8 | UInt32(element.data[2]))
    }

    /// Signed difference `later - self` in units of 2^-18 s, taking the shortest way round the
    /// 24-bit wrap (range -2^23 ..< 2^23, i.e. ±32 s).
    public func distance(to later: AbsoluteSendTime) -> Int32 {
        let diff = (later.rawValue &- rawValue) & 0xFF_FFFF
        return diff >= 0x80_0000 ? Int32(diff) - 0x100_0000 : Int32(diff)
    }
}
