/// An RTCP reception report block (RFC 3550 §6.4.1), 24 bytes on the wire.
public struct ReportBlock: Sendable, Hashable {
    /// Source this block reports on.
    public var ssrc: UInt32
    /// Fraction of packets lost since the previous report, in units of 1/256.
    public var fractionLost: UInt8
    /// Cumulative packets lost (expected − received), a 24-bit signed field: clamped to
    /// -8 388 608...8 388 607 when serialised; may be negative with duplicates.
    public var cumulativeLost: Int32
    /// Cycles count (high 16 bits) and highest sequence number received (low 16 bits).
    public var extendedHighestSequence: UInt32
    /// Interarrival jitter estimate in RTP timestamp units (RFC 3550 §6.4.1 / A.8).
    public var jitter: UInt32
    /// Middle 32 bits of the NTP timestamp of the last SR received from `ssrc` (0 = none).
    public var lastSR: UInt32
    /// Delay between receiving that SR and sending this block, in units of 1/65536 s (0 = none).
    public var delaySinceLastSR: UInt32

    public static let cumulativeLostRange: ClosedRange<Int32> = -8_388_608...8_388_607

    public init(
        ssrc: UInt32, fractionLost: UInt8, cumulativeLost: Int32, extendedHighestSequence: UInt32,
        jitter: UInt32, lastSR: UInt32, delaySinceLastSR: UInt32
    ) {
        self.ssrc = ssrc
        self.fractionLost = fractionLost
        self.cumulativeLost = cumulativeLost
        self.extendedHighestSequence = extendedHighestSequence
        self.jitter = jitter
        self.lastSR = lastSR
        self.delaySinceLastSR = delaySinceLastSR
    }

    /// Converts a delay to the DLSR unit (1/65536 s), truncating; negative → 0, clamped to 2^32-1.
    public static func delaySinceLastSR(_ delay: Duration) -> UInt32 {
        let (seconds, attoseconds) = delay.components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        guard seconds < 65_536 else { return .max }
        return UInt32(seconds) << 16 | UInt32(attoseconds / 15_258_789_062_500)
    }

    /// Round-trip time per RFC 3550 §6.4.1: A − LSR − DLSR, all in 1/65536 s (modulo 2^32).
    /// - Parameter arrivalNTPMiddle32: middle 32 bits of the NTP time the report arrived.
    /// - Returns: `nil` when `lastSR` is 0 (no SR received yet) or the result is negative
    ///   (inconsistent clocks or a stale block).
    public static func roundTripTime(
        arrivalNTPMiddle32: UInt32, lastSR: UInt32, delaySinceLastSR: UInt32
    ) -> Duration? {
        guard lastSR != 0 else { return nil }
        let units = arrivalNTPMiddle32 &- lastSR &- delaySinceLastSR
        guard units < 0x8000_0000 else { return nil }
        // 1/65536 s = 15 258 789 062 500 attoseconds exactly (10^18 / 2^16).
        return Duration(
            secondsComponent: Int64(units >> 16),
            attosecondsComponent: Int64(units & 0xFFFF) * 15_258_789_062_500)
    }

    /// Round-trip time for this block given the arrival time; see the static overload.
    public func roundTripTime(arrivalNTPMiddle32: UInt32) -> Duration? {
        Self.roundTripTime(arrivalNTPMiddle32: arrivalNTPMiddle32, lastSR: lastSR, delaySinceLastSR: delaySinceLastSR)
    }

    static let wireLength = 24

    /// Reads 24 bytes; `nil` if fewer remain.
    static func read(_ reader: inout ByteReader) -> ReportBlock? {
        guard reader.remaining >= wireLength,
              let ssrc = reader.readUInt32(), let lossWord = reader.readUInt32(),
              let highest = reader.readUInt32(), let jitter = reader.readUInt32(),
              let lsr = reader.readUInt32(), let dlsr = reader.readUInt32()
        else { return nil }
        // Sign-extend the 24-bit cumulative loss by shifting it to the top and back.
        let cumulative = Int32(bitPattern: lossWord << 8) >> 8
        return ReportBlock(
            ssrc: ssrc, fractionLost: UInt8(truncatingIfNeeded: lossWord >> 24), cumulativeLost: cumulative,
            extendedHighestSequence: highest, jitter: jitter, lastSR: lsr, delaySinceLastSR: dlsr)
    }

    func write(into out: inout [UInt8]) {
        out.appendBigEndian(ssrc)
        let clamped = min(max(cumulativeLost, Self.cumulativeLostRange.lowerBound), Self.cumulativeLostRange.upperBound)
        out.appendBigEndian(UInt32(fractionLost) << 24 | (UInt32(bitPattern: clamped) & 0xFF_FFFF))
        out.appendBigEndian(extendedHighestSequence)
        out.appendBigEndian(jitter)
        out.appendBigEndian(lastSR)
        out.appendBigEndian(delaySinceLastSR)
    }
}
