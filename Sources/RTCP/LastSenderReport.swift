import RTP

/// What the receiver remembers of the latest SR from one source (for LSR/DLSR).
public struct LastSenderReport: Sendable, Equatable, Hashable {
    /// The SR as received.
    public var report: SenderReport
    /// Local monotonic arrival time.
    public var arrival: Duration

    public init(report: SenderReport, arrival: Duration) {
        self.report = report
        self.arrival = arrival
    }

    /// The LSR field value: middle 32 bits of the SR's NTP timestamp.
    public var middle32: UInt32 { report.ntp.middle32 }

    /// The DLSR field value for a report sent at `now` (1/65536 s units, truncated).
    public func delaySinceLastSR(now: Duration) -> UInt32 {
        ReportBlock.delaySinceLastSR(now - arrival)
    }
}
