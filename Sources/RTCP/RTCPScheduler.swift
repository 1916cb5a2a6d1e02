import JitterbugSupport

/// RTCP transmission timing per RFC 3550 §6.2/§6.3 and Appendix A.7.
///
/// The deterministic interval Td = max(minimum, avg_rtcp_size × n / rtcp_bw); the RTCP
/// bandwidth is split between senders and receivers (see
/// ``RTCPSchedulerConfiguration/fixedSplit``). The randomised interval T = Td × U[0.5, 1.5) /
/// (e − 3/2). The first interval uses half the minimum. On expiry the interval is reconsidered
/// (§6.3.6, A.7 `OnExpire`): a fresh T is drawn and the report goes only if tp + T ≤ now,
/// else it is rescheduled to tp + T; with a steady membership that makes the mean interval
/// exactly Td, which is what the e − 3/2 compensation assumes. Members leaving pull the
/// schedule in (reverse reconsideration, §6.3.4), and BYE follows §6.3.7.
///
/// The session bandwidth comes from the media noted with ``noteMedia(wireBytes:at:)`` once
/// one second of it is known (until then no report is due), or else from the configuration.
/// Pure: time is a `Duration` offset from the caller's monotonic origin, and the random draws
/// come from the injected generator.
public struct RTCPScheduler<Generator: RandomNumberGenerator> {
    public var configuration: RTCPSchedulerConfiguration
    /// Session members including ourselves (RFC `members`), ≥ 1. Default 2 (one peer).
    public private(set) var members: Int
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
    /// The media rate behind the session bandwidth.
    public private(set) var mediaRate = MediaRateEstimator()
    /// Member count when tn was last computed (RFC `pmembers`).
    private var previousMembers: Int
    /// RFC `tp` for reconsideration: the last send, or the time the schedule started.
    private var reference: Duration?
    /// RFC `tn`.
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
        self.members = max(1, members)
        self.previousMembers = max(1, members)
        self.senders = senders
        self.averageSizeBytes = configuration.initialAverageSizeBytes
        self.generator = generator
    }

    /// RFC 3550 A.7 deterministic interval Td in seconds (minimum applied, no randomisation).
    /// - Parameters:
    ///   - rtcpBytesPerSecond: RTCP bandwidth in bytes/s; ≤ 0 yields the minimum.
    ///   - minimumSeconds: the minimum before the initial-half rule.
    ///   - initial: halve the minimum (first report).
    ///   - fixedSplit: split the bandwidth whatever the share of senders (RFC 3556 RS/RR).
    public static func deterministicIntervalSeconds(
        members: Int, senders: Int, weSent: Bool, averageSizeBytes: Double, rtcpBytesPerSecond: Double,
        senderBandwidthFraction: Double = 0.25, minimumSeconds: Double, initial: Bool, fixedSplit: Bool = false
    ) -> Double {
        let minimum = initial ? minimumSeconds / 2 : minimumSeconds
        var bandwidth = rtcpBytesPerSecond
        var count = Double(max(1, members))
        let senderCount = Double(max(0, senders))
        if fixedSplit || senderCount <= count * senderBandwidthFraction {
            if weSent {
                bandwidth *= senderBandwidthFraction
                count = max(1, senderCount)
            } else {
                bandwidth *= 1 - senderBandwidthFraction
                count = max(1, count - senderCount)
            }
        }
        guard bandwidth > 0, bandwidth.isFinite else { return minimum }
        let interval = averageSizeBytes * count / bandwidth
        return interval.isFinite ? max(interval, minimum) : minimum
    }

    /// The session bandwidth in bit/s the interval is computed from: measured from the media
    /// once a second of it was noted, the configured value when no media was noted at all,
    /// `nil` while the first second of media is still being measured.
    public func sessionBitsPerSecond(now: Duration) -> Double? {
        guard mediaRate.hasMedia else { return configuration.sessionBandwidthBitsPerSecond }
        return mediaRate.bitsPerSecond(now: now)
    }

    /// Td in seconds for the current state at `now`, or `nil` while the bandwidth is unknown.
    public func deterministicIntervalSeconds(now: Duration) -> Double? {
        guard let session = sessionBitsPerSecond(now: now) else { return nil }
        var settings = configuration
        settings.sessionBandwidthBitsPerSecond = session
        // No media in the window (a pause, or the end): no bandwidth to scale by, so RFC 3550's
        // fixed 5 s minimum rather than reports as often as the caller polls.
        if session <= 0 { settings.minimumInterval = .standard }
        let td = Self.deterministicIntervalSeconds(
            members: members, senders: senders, weSent: weSent, averageSizeBytes: averageSizeBytes,
            rtcpBytesPerSecond: settings.rtcpBytesPerSecond,
            senderBandwidthFraction: configuration.senderBandwidthFraction,
            minimumSeconds: settings.minimumIntervalSeconds,
            initial: isInitial && configuration.halvesInitialMinimum, fixedSplit: configuration.fixedSplit)
        return isInitial && configuration.halvesInitialInterval ? td / 2 : td
    }

    /// Td in seconds with the configured (not measured) session bandwidth.
    public var deterministicIntervalSeconds: Double {
        Self.deterministicIntervalSeconds(
            members: members, senders: senders, weSent: weSent, averageSizeBytes: averageSizeBytes,
            rtcpBytesPerSecond: configuration.rtcpBytesPerSecond,
            senderBandwidthFraction: configuration.senderBandwidthFraction,
            minimumSeconds: configuration.minimumIntervalSeconds,
            initial: isInitial && configuration.halvesInitialMinimum, fixedSplit: configuration.fixedSplit)
    }

    /// Draws a randomised interval T = Td × U[0.5, 1.5) / (e − 3/2) from the configured bandwidth.
    public mutating func drawInterval() -> Duration {
        draw(deterministicSeconds: deterministicIntervalSeconds)
    }

    private mutating func draw(deterministicSeconds: Double) -> Duration {
        let factor = Double.random(in: 0.5..<1.5, using: &generator)
        return .seconds(finite: deterministicSeconds * factor / RTCPSchedulerConfiguration.compensation)
    }

    /// Records one RTP packet of the session (ours as a sender, or one received) of
    /// `rtpBytes` (header and payload; the configured UDP/IP overhead is added).
    public mutating func noteMedia(rtpBytes: Int, at time: Duration) {
        mediaRate.note(wireBytes: max(0, rtpBytes) + max(0, configuration.lowerLayerOverheadBytes), at: time)
    }

    /// When the next report is due (tn), scheduling it from `now` if nothing is scheduled;
    /// `nil` while the session bandwidth is still being measured.
    public mutating func nextSendTime(now: Duration) -> Duration? {
        if let scheduledTime { return scheduledTime }
        guard let td = deterministicIntervalSeconds(now: now) else { return nil }
        let time = now + draw(deterministicSeconds: td)
        reference = reference ?? now
        scheduledTime = time
        previousMembers = members
        return time
    }

    /// Whether a report should be sent at `now`: A.7 `OnExpire` with timer reconsideration.
    /// When tn has passed, a fresh interval T is drawn; the report is due if tp + T ≤ now,
    /// otherwise tn moves to tp + T (and this returns `false`).
    public mutating func isDue(now: Duration) -> Bool {
        guard let scheduled = nextSendTime(now: now), scheduled <= now else { return false }
        guard let td = deterministicIntervalSeconds(now: now) else { return false }
        let reconsidered = (reference ?? now) + draw(deterministicSeconds: td)
        if reconsidered <= now { return true }
        scheduledTime = reconsidered
        previousMembers = members
        return false
    }

    /// Records a sent compound packet of `sizeBytes` (RTCP bytes as sent, without UDP/IP
    /// headers; several copies or destinations summed) at `time`: updates avg_rtcp_size
    /// (1/16 weight) and draws the next send time.
    public mutating func didSend(sizeBytes: Int, at time: Duration) {
        updateAverageSize(sizeBytes: sizeBytes)
        isInitial = false
        lastSendTime = time
        reference = time
        previousMembers = members
        let td = deterministicIntervalSeconds(now: time) ?? deterministicIntervalSeconds
        scheduledTime = time + draw(deterministicSeconds: td)
    }

    /// Records a received compound packet of `sizeBytes` (RTCP bytes, without UDP/IP headers):
    /// RFC 3550 §6.3.3 includes received packets in avg_rtcp_size.
    public mutating func didReceive(sizeBytes: Int) {
        updateAverageSize(sizeBytes: sizeBytes)
    }

    /// A change in the member count at `now`. Fewer members pull the next report and the
    /// reference time in proportionally (reverse reconsideration, RFC 3550 §6.3.4), so the
    /// remaining members do not wait out an interval computed for a larger session.
    public mutating func setMembers(_ count: Int, now: Duration) {
        let count = max(1, count)
        members = count
        guard count < previousMembers, let scheduled = scheduledTime else { return }
        let ratio = Double(count) / Double(previousMembers)
        scheduledTime = now + .seconds(finite: max(0, (scheduled - now).seconds) * ratio)
        if let reference { self.reference = now - .seconds(finite: max(0, (now - reference).seconds) * ratio) }
        previousMembers = count
    }

    /// When a BYE of `sizeBytes` may be sent, leaving at `now` (RFC 3550 §6.3.7). With fewer
    /// than 50 members it goes at once. Otherwise the BYE is scheduled like a first report in a
    /// session of one, counting only BYEs (its reconsideration then runs through ``isDue(now:)``).
    public mutating func goodbyeTime(now: Duration, sizeBytes: Int) -> Duration {
        guard members >= 50 else { return now }
        reference = now
        members = 1
        previousMembers = 1
        senders = 0
        weSent = false
        isInitial = true
        mediaRate = MediaRateEstimator()
        averageSizeBytes = Double(max(0, sizeBytes) + max(0, configuration.lowerLayerOverheadBytes))
        let time = now + draw(deterministicSeconds: deterministicIntervalSeconds)
        scheduledTime = time
        return time
    }

    private mutating func updateAverageSize(sizeBytes: Int) {
        let packetSize = Double(max(0, sizeBytes) + max(0, configuration.lowerLayerOverheadBytes))
        averageSizeBytes = packetSize / 16 + averageSizeBytes * 15 / 16
    }
}

// Sendable must be declared in the type's own file; the scheduler is Sendable exactly when its
// generator is.
extension RTCPScheduler: Sendable where Generator: Sendable {}
