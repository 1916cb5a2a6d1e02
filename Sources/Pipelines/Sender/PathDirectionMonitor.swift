/// Tells which direction of the UDP path failed, from where the receiver's reports arrive (a
/// pure state machine; time is passed in). The receiver sends each report by UDP and, while the
/// sender's TCP connection is up, on it too; its Jitterbug path report counts the UDP packets it
/// got. So with both legs:
/// - reports stop coming by UDP but keep coming by TCP, still counting new UDP packets: the
///   way back (receiver → sender) is down, the way there works;
/// - reports keep coming by UDP but count no new UDP packet while we send: the way there is
///   down, the way back works.
/// Each is reported once when it starts and once when it ends. With UDP alone neither can be
/// told from the receiver going away, so nothing is said.
struct PathDirectionMonitor: Sendable {
    /// Which leg a receiver report came by.
    enum Leg: Sendable { case udp, tcp }

    /// How long a direction must look down before it is reported.
    let threshold: Duration
    private var lastUDPReport: Duration?
    private var lastTCPReport: Duration?
    private var lastUDPCount: UInt32?
    private var lastUDPAdvance: Duration?
    private var lastUDPSend: Duration?
    private var sentByUDPSinceAdvance = false
    private var returnDown = false
    private var forwardDown = false

    init(threshold: Duration = .seconds(2)) {
        self.threshold = threshold
    }

    mutating func noteSentByUDP(now: Duration) {
        lastUDPSend = now
        sentByUDPSinceAdvance = true
    }

    /// A receiver report arrived by `leg`, with the receiver's UDP packet count if it had one.
    mutating func noteReport(via leg: Leg, now: Duration, udpPacketsReceived: UInt32?) {
        switch leg {
        case .udp: lastUDPReport = now
        case .tcp: lastTCPReport = now
        }
        guard let count = udpPacketsReceived else { return }
        // The same report by both legs, or no new packet, is no advance.
        if count > 0, lastUDPCount.map({ count != $0 }) ?? true {
            lastUDPAdvance = now
            sentByUDPSinceAdvance = false
        }
        lastUDPCount = count
    }

    /// A change to report now, if any.
    mutating func evaluate(now: Duration) -> PathDirectionEvent? {
        // A paused or finished sender says nothing about the path.
        guard let lastUDPSend, now - lastUDPSend < .milliseconds(100) else { return nil }
        let tcpFresh = lastTCPReport.map { now - $0 < threshold } ?? false
        let udpReportsStale = lastUDPReport.map { now - $0 >= threshold } ?? false
        let udpAdvancing = lastUDPAdvance.map { now - $0 < threshold } ?? false
        if !returnDown, tcpFresh, udpReportsStale, udpAdvancing, let last = lastUDPReport {
            returnDown = true
            return PathDirectionEvent(
                time: now, direction: .toSender, down: true,
                reason: "no receiver report by UDP for \(FallbackPolicy.text(now - last)), but reports by TCP "
                    + "count new UDP packets: the way back is down, the way there works")
        }
        if returnDown, let last = lastUDPReport, now - last < threshold {
            returnDown = false
            return PathDirectionEvent(time: now, direction: .toSender, down: false, reason: "receiver reports arrive by UDP again")
        }
        let udpReportsFresh = lastUDPReport.map { now - $0 < threshold } ?? false
        if !forwardDown, udpReportsFresh, sentByUDPSinceAdvance, let advance = lastUDPAdvance, now - advance >= threshold {
            forwardDown = true
            return PathDirectionEvent(
                time: now, direction: .toReceiver, down: true,
                reason: "receiver reports arrive by UDP but count no new UDP packet for \(FallbackPolicy.text(now - advance)): "
                    + "the way there is down, the way back works")
        }
        if forwardDown, udpAdvancing {
            forwardDown = false
            return PathDirectionEvent(time: now, direction: .toReceiver, down: false, reason: "the receiver counts UDP packets again")
        }
        return nil
    }
}
