import JitterbugSupport

/// When an `auto` sender moves between UDP and TCP (a pure state machine; time is passed in).
///
/// Starts on UDP. Falls back to TCP when no receiver report has arrived for `fallbackAfter`,
/// when the receiver's UDP packet count has not advanced for `fallbackAfter` while we sent, or
/// when the UDP loss over the last `lossWindow` exceeds `fallbackLoss`, or at once when a UDP
/// send fails locally (a firewall refuses it: ``noteUDPSendFailure(now:reason:)``). On TCP every packet is
/// also sent by UDP as a probe (the receiver discards duplicates by sequence number), and the
/// sender returns to UDP once UDP delivered with loss under `fallbackLoss` for `recoverAfter`.
/// Around a switch back both paths carry the stream for `overlap`, so no frame is lost to it.
public struct FallbackPolicy: Sendable {
    public struct Configuration: Sendable, Equatable {
        public var fallbackAfter: Duration
        public var fallbackLoss: Double
        public var recoverAfter: Duration
        public var overlap: Duration
        public var lossWindow: Duration

        public init(
            fallbackAfter: Duration = .seconds(1), fallbackLoss: Double = 0.3, recoverAfter: Duration = .seconds(5),
            overlap: Duration = .seconds(1), lossWindow: Duration = .seconds(1)
        ) {
            self.fallbackAfter = fallbackAfter
            self.fallbackLoss = fallbackLoss
            self.recoverAfter = recoverAfter
            self.overlap = overlap
            self.lossWindow = lossWindow
        }
    }

    public enum Mode: String, Sendable { case udp, tcp }

    /// A switch, for logs and JSON.
    public struct Event: Sendable, Equatable {
        public var time: Duration
        public var to: Mode
        public var reason: String
    }

    public let configuration: Configuration
    public private(set) var mode: Mode = .udp
    /// The longest the receiver's RTCP schedule may leave between two reports (RFC 3550: it
    /// grows as the media rate falls). Silence shorter than this is no sign of an outage, so
    /// the silence checks wait for the longer of it and `fallbackAfter`.
    public var reportIntervalBound: Duration = .zero
    private var silenceLimit: Duration { max(configuration.fallbackAfter, reportIntervalBound) }
    private var overlapUntil: Duration?
    private var udpSent = 0
    private var lastReportTime: Duration
    private var lastUDPCount: UInt32?
    private var lastAdvanceTime: Duration
    private var sentAtLastAdvance = 0
    /// (time, UDP packets sent by then, UDP packets the receiver counted) per report.
    private var samples: [(time: Duration, sent: Int, received: Int)] = []
    private var receivedTotal = 0
    private var healthySince: Duration?
    /// When the sender last sent; no decisions are made once it has stopped (end of stream).
    private var lastSendTime: Duration?
    /// The latest local UDP send failure not yet acted on.
    private var sendFailure: (time: Duration, reason: String)?

    public init(configuration: Configuration = Configuration(), start: Duration = .zero) {
        self.configuration = configuration
        lastReportTime = start
        lastAdvanceTime = start
    }

    /// Which paths carry the next packet.
    public func paths(now: Duration) -> (udp: Bool, tcp: Bool) {
        switch mode {
        case .udp: (true, overlapUntil.map { now < $0 } ?? false)
        case .tcp: (true, true)
        }
    }

    public mutating func noteSentByUDP(now: Duration? = nil) {
        udpSent += 1
        if let now { lastSendTime = now }
    }

    /// A UDP datagram did not leave this host (the kernel refused it, or its socket is being
    /// opened again): on UDP the next ``evaluate(now:)`` falls back; on TCP it restarts the
    /// healthy run that would lead back.
    public mutating func noteUDPSendFailure(now: Duration, reason: String) {
        lastSendTime = now
        if mode == .udp {
            if sendFailure == nil { sendFailure = (now, reason) }
        } else {
            healthySince = nil
        }
    }

    /// A receiver report arrived (by any path), with the receiver's cumulative UDP count if it sent one.
    public mutating func noteReport(now: Duration, udpPacketsReceived: UInt32?) {
        lastReportTime = now
        guard let count = udpPacketsReceived else { return }
        // The receiver sends each report by UDP and by TCP: the second copy adds nothing.
        if count == lastUDPCount, let last = samples.last, now - last.time < .milliseconds(100) { return }
        if let last = lastUDPCount {
            let advance = Int(count &- last)
            if advance > 0 {
                receivedTotal += advance
                lastAdvanceTime = now
                sentAtLastAdvance = udpSent
            }
        } else {
            receivedTotal = Int(count)
            lastAdvanceTime = now
            sentAtLastAdvance = udpSent
        }
        lastUDPCount = count
        if mode == .tcp { trackRecovery(now: now, previous: samples.last) }
        samples.append((now, udpSent, receivedTotal))
        samples.removeAll { now - $0.time > configuration.lossWindow * 3 }
    }

    /// On TCP: a run of reports in which UDP delivers starts at the first report that shows UDP
    /// packets arriving again (even if that interval also saw the end of the outage); a later
    /// interval with too much loss restarts it, one without progress ends it.
    private mutating func trackRecovery(now: Duration, previous: (time: Duration, sent: Int, received: Int)?) {
        guard let previous else { return }
        let sent = udpSent - previous.sent
        let received = receivedTotal - previous.received
        guard received > 0 else {
            healthySince = nil
            return
        }
        let loss = sent > 0 ? max(0, 1 - Double(received) / Double(sent)) : 0
        if healthySince == nil {
            healthySince = now
        } else if loss > configuration.fallbackLoss {
            healthySince = now
        }
    }

    /// UDP loss over about the last window: 1 − received / sent since the newest report at least
    /// a window old (reports come every ~0.6 s, so the span is one to two windows).
    public func windowedUDPLoss(now: Duration) -> Double? {
        guard let last = samples.last,
            let first = samples.last(where: { now - $0.time >= configuration.lossWindow }) ?? samples.first,
            last.sent - first.sent >= 10
        else { return nil }
        return max(0, 1 - Double(last.received - first.received) / Double(last.sent - first.sent))
    }

    /// Decides whether to switch now; returns the switch, if any.
    public mutating func evaluate(now: Duration) -> Event? {
        // A paced sender sends every frame: a pause or the end of the stream (after which reports
        // stop too) is no reason to switch.
        if let lastSendTime, now - lastSendTime > .milliseconds(100) { return nil }
        // A refused send is no guess: UDP is down here, overlap or not.
        // (One older than fallbackAfter is stale: it waited for a TCP standby to connect.)
        if mode == .udp, let failure = sendFailure, now - failure.time <= configuration.fallbackAfter {
            sendFailure = nil
            mode = .tcp
            healthySince = nil
            overlapUntil = nil
            return Event(time: now, to: .tcp, reason: "UDP send failed at \(Self.text(failure.time)): \(failure.reason)")
        }
        // Hold-down: no new fallback while both paths still carry the stream after a switch back.
        if mode == .udp, let overlapUntil, now < overlapUntil { return nil }
        sendFailure = nil
        switch mode {
        case .udp:
            var reason: String?
            if now - lastReportTime >= silenceLimit {
                reason = "no receiver report for \(Self.text(now - lastReportTime))"
            } else if now - lastAdvanceTime >= silenceLimit, udpSent > sentAtLastAdvance {
                reason = "receiver got no UDP packet for \(Self.text(now - lastAdvanceTime))"
            } else if let loss = windowedUDPLoss(now: now), loss > configuration.fallbackLoss {
                reason = "UDP loss \(Int((loss * 100).rounded()))% over \(Self.text(configuration.lossWindow))"
            }
            guard let reason else { return nil }
            mode = .tcp
            healthySince = nil
            return Event(time: now, to: .tcp, reason: reason)
        case .tcp:
            if now - lastAdvanceTime >= silenceLimit { healthySince = nil }
            guard let since = healthySince, now - since >= configuration.recoverAfter else { return nil }
            mode = .udp
            overlapUntil = now + configuration.overlap
            return Event(time: now, to: .udp, reason: "UDP healthy for \(Self.text(now - since))")
        }
    }

    static func text(_ d: Duration) -> String { "\(d.seconds.formatted(decimals: 1)) s" }
}
