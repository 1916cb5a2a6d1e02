import JitterbugSupport

/// Parameters of the RFC 3550 §6.2/§6.3 RTCP transmission interval (see ``RTCPScheduler``).
public struct RTCPSchedulerConfiguration: Sendable, Equatable, Hashable {
    /// Which floor the deterministic interval Td may not go below.
    public enum MinimumInterval: Sendable, Equatable, Hashable {
        /// RFC 3550 §6.2 fixed minimum of 5 seconds.
        case standard
        /// RFC 3550 §6.2 reduced minimum: 360 / session bandwidth in kbit/s seconds
        /// (e.g. 4.5 s at 80 kbit/s; below 5 s only above 72 kbit/s).
        case bandwidthScaled
        /// A caller-chosen minimum (values ≤ 0 are treated as 1 ms so reports never spin).
        case fixed(Duration)
    }

    /// RFC 3550 A.7 COMPENSATION = e − 3/2: divides the randomised interval so that timer
    /// reconsideration does not make the average interval longer than intended.
    public static let compensation = 2.71828 - 1.5

    /// Session bandwidth in bit/s (media payload plus RTP/UDP/IP headers), > 0: used until the
    /// scheduler has measured the media (``RTCPScheduler/noteMedia(rtpBytes:at:)``).
    public var sessionBandwidthBitsPerSecond: Double
    /// Share of the session bandwidth for RTCP; RFC 3550 §6.2 recommends 5 % (0.05).
    public var rtcpBandwidthFraction: Double
    /// Share of the RTCP bandwidth for senders when they are ≤ 25 % of members (RFC: 0.25).
    public var senderBandwidthFraction: Double
    /// Split the RTCP bandwidth between senders and receivers whatever their numbers, as when
    /// a session fixes the sender and receiver shares (RFC 3556 `b=RS`/`b=RR`). RFC 3550 A.7
    /// splits only while senders are at most `senderBandwidthFraction` of the members, so one
    /// sender and one receiver would share alike; with the split the receiver, whose reports
    /// carry the feedback, gets 75 % and the sender 25 %.
    public var fixedSplit: Bool
    /// The minimum interval rule.
    ///
    /// Default `.fixed(.seconds(1))`: RFC 3550 §6.2 allows a reduced minimum; with 5 s a short
    /// test run (10–20 s) would see only a few reports, so Jitterbug defaults to 1 s. Use
    /// `.standard` for strict RFC behaviour towards third-party peers.
    public var minimumInterval: MinimumInterval
    /// Whether the first interval uses half the minimum (RFC 3550 §6.2 "initial half" rule).
    public var halvesInitialMinimum: Bool
    /// Whether the first deterministic interval is halved as a whole. With no fixed minimum
    /// (AVPF) the initial-half rule has nothing to halve; this keeps its purpose, a first report
    /// soon after joining (Jitterbug's `auto` expects a receiver report within 1 s and its TCP
    /// standby a frame within 2 s). One short interval costs the budget next to nothing.
    public var halvesInitialInterval: Bool
    /// Starting value of avg_rtcp_size in bytes (including `lowerLayerOverheadBytes`).
    public var initialAverageSizeBytes: Double
    /// UDP + IP header bytes added to every RTCP packet size (28 for IPv4, 48 for IPv6).
    public var lowerLayerOverheadBytes: Int

    public init(
        sessionBandwidthBitsPerSecond: Double,
        rtcpBandwidthFraction: Double = 0.05,
        senderBandwidthFraction: Double = 0.25,
        fixedSplit: Bool = false,
        minimumInterval: MinimumInterval = .fixed(.seconds(1)),
        halvesInitialMinimum: Bool = true,
        halvesInitialInterval: Bool = false,
        initialAverageSizeBytes: Double = 128,
        lowerLayerOverheadBytes: Int = 28
    ) {
        self.sessionBandwidthBitsPerSecond = sessionBandwidthBitsPerSecond
        self.rtcpBandwidthFraction = rtcpBandwidthFraction
        self.senderBandwidthFraction = senderBandwidthFraction
        self.fixedSplit = fixedSplit
        self.minimumInterval = minimumInterval
        self.halvesInitialMinimum = halvesInitialMinimum
        self.halvesInitialInterval = halvesInitialInterval
        self.initialAverageSizeBytes = initialAverageSizeBytes
        self.lowerLayerOverheadBytes = lowerLayerOverheadBytes
    }

    /// The minimum interval in seconds for the configured rule (before the initial-half rule).
    public var minimumIntervalSeconds: Double {
        switch minimumInterval {
        case .standard:
            return 5
        case .bandwidthScaled:
            let kilobits = sessionBandwidthBitsPerSecond / 1_000
            // A non-positive bandwidth cannot scale anything: fall back to the standard 5 s.
            return kilobits.isFinite && kilobits > 0 ? 360 / kilobits : 5
        case .fixed(let duration):
            return max(0.001, duration.seconds)
        }
    }

    /// RTCP bandwidth in bytes per second (fraction × session bandwidth / 8); 0 if invalid.
    public var rtcpBytesPerSecond: Double {
        let value = sessionBandwidthBitsPerSecond * rtcpBandwidthFraction / 8
        return value.isFinite && value > 0 ? value : 0
    }
}

extension RTCPSchedulerConfiguration {
    /// What Jitterbug's sender and receiver use: the session bandwidth measured from the media
    /// (64 kbit/s only until a first measurement), 4 % of it for RTCP, a fixed 25 %/75 %
    /// sender/receiver split, and no 5 s minimum.
    ///
    /// - 4 %, not RFC 3550's 5 %: the rules hold the *long-run average* to the fraction. A 20 s
    ///   run also pays for its start (the average size estimate starts low, the first interval
    ///   is halved) and for the two BYE compounds, and its randomised intervals scatter by a few
    ///   percent: measured on the wire it comes out near 4.5 %, under 5 % with room to spare.
    /// - The fixed split (RFC 3556 `b=RS`/`b=RR` style) gives the receiver, whose reports drive
    ///   the `auto` fallback, three quarters: at the default 32 kbit/s Opus (about 55 kbit/s on
    ///   the wire) it reports every ~0.7 s on average (never 0.9 s apart), the sender every ~2 s.
    /// - No fixed minimum, as RFC 4585 (AVPF) allows: the bandwidth rule alone sets the
    ///   interval, so feedback for the UDP→TCP fallback comes within a second at audio rates and
    ///   is still counted within the budget. The first interval is halved instead
    ///   (``halvesInitialInterval``): the receiver's first report comes within ~0.6 s, the
    ///   sender's within ~1.3 s.
    public static let jitterbug = RTCPSchedulerConfiguration(
        sessionBandwidthBitsPerSecond: 64_000, rtcpBandwidthFraction: 0.04, fixedSplit: true,
        minimumInterval: .fixed(.zero), halvesInitialInterval: true)
}
