import JitterbugSupport

/// One arrival of the decoded stream, for replaying real network behaviour later
/// (`jitterbug recv --trace FILE`, read by `Tools/jitter-eval`).
public struct PacketTraceRecord: Sendable, Equatable {
    public var sequenceNumber: UInt16
    public var rtpTimestamp: UInt32
    /// Arrival time since the Unix epoch (receiver's clock).
    public var arrivalWallClock: Duration
    /// Send time since the Unix epoch from the sender's NTP header extension, if present.
    public var sendWallClock: Duration?

    public init(sequenceNumber: UInt16, rtpTimestamp: UInt32, arrivalWallClock: Duration, sendWallClock: Duration?) {
        self.sequenceNumber = sequenceNumber
        self.rtpTimestamp = rtpTimestamp
        self.arrivalWallClock = arrivalWallClock
        self.sendWallClock = sendWallClock
    }

    /// CSV header matching ``csvLine``.
    public static let csvHeader = "sequence,rtp_timestamp,arrival_unix_us,send_unix_us"

    /// `sequence,rtp_timestamp,arrival_unix_us,send_unix_us` (empty send time when absent).
    public var csvLine: String {
        let send = sendWallClock.map { String($0.wholeMicroseconds) } ?? ""
        return "\(sequenceNumber),\(rtpTimestamp),\(arrivalWallClock.wholeMicroseconds),\(send)"
    }
}
