import RTP

/// One reception report block about our stream, as the media sender saw it arrive.
public struct ReceptionReport: Sendable, Equatable, Hashable {
    /// SSRC of the receiver that sent the report.
    public var reporterSSRC: UInt32
    /// Local arrival time (offset from the caller's monotonic origin).
    public var arrival: Duration
    /// The block as received.
    public var block: ReportBlock
    /// RFC 3550 §6.4.1 round-trip time A − LSR − DLSR; `nil` when the receiver had no SR yet
    /// (LSR 0) or the result would be negative.
    public var roundTripTime: Duration?
    /// Interarrival jitter converted to milliseconds with the stream's clock rate.
    public var jitterMilliseconds: Double
    /// Packets expected between the previous report from this receiver and this one
    /// (difference of extended highest sequence numbers); 0 when unknown (first report, or the
    /// sequence went backwards).
    public var intervalExpected: Int64
    /// Packets lost in the same interval (difference of cumulative lost, clamped to
    /// 0...intervalExpected); 0 when unknown.
    public var intervalLost: Int64

    public init(
        reporterSSRC: UInt32, arrival: Duration, block: ReportBlock, roundTripTime: Duration?,
        jitterMilliseconds: Double, intervalExpected: Int64, intervalLost: Int64
    ) {
        self.reporterSSRC = reporterSSRC
        self.arrival = arrival
        self.block = block
        self.roundTripTime = roundTripTime
        self.jitterMilliseconds = jitterMilliseconds
        self.intervalExpected = intervalExpected
        self.intervalLost = intervalLost
    }

    /// Reported fraction lost as 0 ..< 1 (field / 256).
    public var fractionLost: Double { Double(block.fractionLost) / 256 }
    /// Reported cumulative packets lost (may be negative with duplicates).
    public var cumulativeLost: Int32 { block.cumulativeLost }
    /// Reported extended highest sequence number.
    public var extendedHighestSequence: UInt32 { block.extendedHighestSequence }
}
