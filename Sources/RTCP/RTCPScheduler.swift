import JitterbugSupport

/// RTCP transmission timing per RFC 3550 §6.2/§6.3 and Appendix A.7 (`rtcp_interval`).
///
/// The deterministic interval Td = max(minimum, avg_rtcp_size × n / rtcp_bw), where the RTCP
/// bandwidth is split 25 %/75 % between senders and receivers when senders are at most a quarter
/// of the members. The actual interval T = Td × U[0.5, 1.5) / (e − 3/2). The first interval uses
/// half the minimum. Pure: time is a `Duration` offset from the caller's monotonic origin and
/// the random draws come from the injected generator.
///
/// Timer reconsideration (§6.3.6) is not needed here: Jitterbug sessions have a fixed member
/// count, so a recomputed T has the same distribution; BYE is sent immediately (§6.3.7 allows
/// that for fewer than 50 members).
public struct RTCPScheduler<Generator: RandomNumberGenerator> {
    public var configuration: RTCPSchedulerConfiguration
    /// Session members including ourselves (RFC `members`), ≥ 1. Default 2 (one peer).
    public var members: Int
    /// Members that sent RTP recently (RFC `senders`), ≥ 0. Default 1.
    public var senders: Int
    /// Whether we sent RTP since the last report (RFC `we_sent`).
    public var weSent: Bool
    /// Moving average of compound RTCP packet sizes in bytes, lower-layer headers included.
    public private(set) var averageSizeBytes: Double
    /// True until the first report is sent (selects the initial-half rule).
    public private(set) var isInitial = true
    /// When the last report was sent (RFC `tp`), `nil` before the first.
    public private(set) var lastSendTime: Duration?
    private var scheduledTime: Duration?
    private var generator: Generator

    /// - Parameters:
    ///   - weSent: `true` for the media sender, `false` for a pure receiver.
    ///   - generator: source of the [0.5, 1.5) randomisation.
    public init(
        configuration: RTCPSchedulerConfiguration, weSent: Bool, members: Int = 2, senders: Int = 1,
        generator: Generator
    ) {
        self.configuration = configuration
        self.weSent = weSent
        self.members = members
        self.senders = senders
        self.averageSizeBytes = configuration.initialAverageSizeBytes
        self.generator = generator
    }

    /// RFC 3550 A.7 deterministic interval Td in seconds (minimum applied, no randomisation).
    /// - Parameters:
    ///   - rtcpBytesPerSecond: RTCP bandwidth in bytes/s; ≤ 0 yields the minimum.
    ///   - minimumSeconds: the minimum before the initial-half rule.
    ///   - initial: halve the minimum (first report).
    public static func deterministicIntervalSeconds(
        members: Int, senders: Int, weSent: Bool, averageSizeBytes: Double, rtcpBytesPerSecond: Double,
        senderBandwidthFraction: Double = 0.25, minimumSeconds: Double, initial: Bool
    ) -> Double {
        let minimum = initial ? minimumSeconds / 2 : minimumSeconds
        var bandwidth = rtcpBytesPerSecond
        var count = Double(max(1, members))
        let senderCount = Double(max(0, senders))
        if senderCount <= count * senderBandwidthFraction {
            if weSent {
                bandwidth *= senderBandwidthFraction
                count = senderCount
            } else {
                bandwidth *= 1 - senderBandwidthFraction
                count -= senderCount
            }
        }
        guard bandwidth > 0, bandwidth.isFinite else { return minimum }
        let interval = averageSizeBytes * count / bandwidth
        return interval.isFinite ? max(interval, minimum) : minimum
    }

    /// Td in seconds for the current state.
    public var deterministicIntervalSeconds: Double {
        Self.deterministicIntervalSeconds(
            members: members, senders: senders, weSent: weSent, averageSizeBytes: averageSizeBytes,
            rtcpBytesPerSecond: configuration.rtcpBytesPerSecond,
            senderBandwidthFraction: configuration.senderBandwidthFraction,
            minimumSeconds: configuration.minimumIntervalSeconds,
            initial: isInitial && configuration.halvesInitialMinimum)
    }

    /// Draws a randomised interval T = Td × U[0.5, 1.5) / (e − 3/2).
    public mutating func drawInterval() -> Duration {
        let factor = Double.random(in: 0.5..<1.5, using: &generator)
        return .seconds(finite: deterministicIntervalSeconds * factor / RTCPSchedulerConfiguration.compensation)
    }

    /// When the next report is due. The first call schedules the initial report at
    /// `now + T` (with the initial-half rule); later calls return the time drawn by `didSend`.
    public mutating func nextSendTime(now: Duration) -> Duration {
        if let scheduledTime { return scheduledTime }
        let time = now + drawInterval()
        scheduledTime = time
        return time
    }

    /// Whether a report should be sent at `now` (schedules the first one if needed).
    public mutating func isDue(now: Duration) -> Bool {
        nextSendTime(now: now) <= now
    }

    /// Records a sent compound packet of `sizeBytes` (RTCP bytes, without UDP/IP headers) at
    /// `time`: updates avg_rtcp_size (1/16 weight) and draws the next send time.
    public mutating func didSend(sizeBytes: Int, at time: Duration) {
        updateAverageSize(sizeBytes: sizeBytes)
        isInitial = false
        lastSendTime = time
        scheduledTime = time + drawInterval()
    }

    /// Records a received compound packet of `sizeBytes` (RTCP bytes, without UDP/IP headers):
    /// RFC 3550 §6.3.3 includes received packets in avg_rtcp_size.
    public mutating func didReceive(sizeBytes: Int) {
        updateAverageSize(sizeBytes: sizeBytes)
    }

    private mutating func updateAverageSize(sizeBytes: Int) {
        let packetSize = Double(max(0, sizeBytes) + max(0, configuration.lowerLayerOverheadBytes))
        averageSizeBytes = packetSize / 16 + averageSizeBytes * 15 / 16
    }
}

// Sendable must be declared in the type's own file; the scheduler is Sendable exactly when its
// generator is.
extension RTCPScheduler: Sendable where Generator: Sendable {}
