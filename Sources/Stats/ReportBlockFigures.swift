/// The per-source figures of one RTCP reception report block (RFC 3550 §6.4.1, computed per A.3).
public struct ReportBlockFigures: Sendable, Equatable, Hashable, Codable {
    /// Fraction of packets lost since the previous report, as a fixed-point number with the binary
    /// point at the left (lost_interval × 256 / expected_interval); 0 when nothing was lost
    /// or duplicates outnumbered losses.
    public var fractionLost: UInt8
    /// Cumulative packets lost (expected − received), clamped to the 24-bit signed field range
    /// −8_388_608...8_388_607. Negative when duplicates outnumber losses.
    public var cumulativeLost: Int32
    /// Extended highest sequence number received (cycles × 65536 + highest), truncated to 32 bits.
    public var extendedHighestSequenceNumber: UInt32
    /// Interarrival jitter in RTP timestamp units, RFC integer form (A.8 `jitter >> 4`).
    public var jitter: UInt32

    public init(fractionLost: UInt8, cumulativeLost: Int32, extendedHighestSequenceNumber: UInt32, jitter: UInt32) {
        self.fractionLost = fractionLost
        self.cumulativeLost = cumulativeLost
        self.extendedHighestSequenceNumber = extendedHighestSequenceNumber
        self.jitter = jitter
    }

    /// `fractionLost` as a percentage (0...99.6).
    public var fractionLostPercent: Double { Double(fractionLost) * 100 / 256 }
}
