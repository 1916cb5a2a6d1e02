import Impairment
import RTP
import Reports
import Synchronization

/// One run of the media sender over the legs that are open: UDP alone, TCP alone, or both
/// (`auto`, routed by the fallback controller). Builds the send path (SRTP, then impairment on
/// the UDP leg), the RTCP path, and the periodic work; ends with BYE.
final class SenderStream<C: Clock, Datagrams: SenderDatagramLeg, Frames: SenderFrameLeg>: Sendable
where C.Duration == Duration {
    let session: SenderSession<C>
    let udp: Datagrams?
    let tcp: Frames?
    /// The impaired UDP leg, with an impairment spec and a UDP leg.
    let link: ImpairedLink?
    /// The fallback controller when both legs are open.
    let router: FallbackController?
    /// With `udp`: datagrams this host refused.
    let refusals: UDPRefusalCount
    let onUDPFailure: @Sendable (UDPSendFailure) -> Void
    /// Periodic work: when it is next due, and the next interval event.
    private let schedule: Mutex<(nextTick: Duration, nextLine: Duration?)>
    /// When RTCP last went on the TCP leg.
    private let tcpRTCPAt = Mutex<Duration>(.zero)
    /// The receiver closes a TCP connection with no frame for 2 s after it is made; at low
    /// media rates the RTCP schedule is slower than that, so `auto`'s standby (which carries
    /// no media while UDP works) gets a sender report at least this often.
    static var tcpKeepalive: Duration { .milliseconds(1500) }

    /// How often RTCP reports are checked for and the fallback policy evaluated.
    static var tick: Duration { .milliseconds(20) }

    init(session: SenderSession<C>, udp: Datagrams?, tcp: Frames?) {
        self.session = session
        self.udp = udp
        self.tcp = tcp
        let configuration = session.configuration
        // A datagram this host refused (a local firewall) is a path failure, never the end of
        // the run: with `auto` the controller falls back; with `udp` it is counted (the first
        // one is news) and the receiver counts it lost.
        let controller = tcp != nil ? session.controller : nil
        let refusals = UDPRefusalCount()
        let onUDPFailure: @Sendable (UDPSendFailure) -> Void = { failure in
            let now = session.elapsed
            if let controller {
                controller.noteUDPSendFailure(now: now, reason: failure.reason)
            } else if refusals.note() == 1 {
                session.onEvent(.udpSendRefused(at: now, reason: failure.reason))
            }
        }
        self.refusals = refusals
        self.onUDPFailure = onUDPFailure
        if let udp, let spec = configuration.impairment {
            link = ImpairedLink(
                engine: ImpairmentEngine(spec: spec, direction: .up), log: configuration.impairmentLog,
                deliver: { bytes in
                    do {
                        try await udp.send(bytes)
                    } catch {
                        onUDPFailure(UDPSendFailure(error))
                    }
                })
        } else {
            link = nil
        }
        router = udp != nil && tcp != nil ? session.controller : nil
        schedule = Mutex((.zero, configuration.reportInterval))
    }

    private var tcpDeadline: Duration {
        switch session.configuration.transport {
        case .udp: .zero
        case .tcp(let deadline), .auto(let deadline, _): deadline
        }
    }

    func run(
        media: (PacingClock<C>, (RTPPacket) -> Void, ([UInt8]) async throws -> Void) async throws -> SenderSummary
    ) async throws -> SenderResult {
        let clock = PacingClock(base: session.clock, housekeeping: { [self] in try await self.housekeeping() })
        let summary = try await media(clock, { session.notePacket($0) }, { try await transmit($0) })
        // Datagrams the impairment still holds go out at their times.
        if let link {
            while let next = try await link.releaseDue(now: session.elapsed) {
                try await clock.sleep(until: session.start.advanced(by: next), tolerance: nil)
            }
        }
        try await sayGoodbye(clock: clock)
        return finish(summary: summary)
    }

    /// SRTP protects each packet before it is impaired or routed, like a real sender.
    private func transmit(_ bytes: [UInt8]) async throws {
        let wire = try session.configuration.srtp?.protectRTP(bytes) ?? bytes
        var paths = (udp: udp != nil, tcp: tcp != nil)
        if let router, let tcp { paths = router.route(now: session.elapsed, tcpAvailable: tcp.isConnected) }
        if paths.udp {
            do {
                try await sendByUDP(wire)
                if router != nil {
                    let now = session.elapsed
                    session.directions.withLock { $0.noteSentByUDP(now: now) }
                }
            } catch {
                // A refused datagram (a local firewall) is a path failure: `auto` falls back at
                // the next tick, and sends this one by TCP now if it was not going that way.
                onUDPFailure(UDPSendFailure(error))
                if router != nil, !paths.tcp, let tcp, tcp.isConnected {
                    _ = tcp.send(wire, within: tcpDeadline)
                    router?.noteResentByTCP()
                }
            }
        }
        if paths.tcp { _ = tcp?.send(wire, within: tcpDeadline) }
    }

    private func sendByUDP(_ bytes: [UInt8]) async throws {
        if let link {
            try await link.submit(bytes, at: session.elapsed)
        } else {
            try await udp?.send(bytes)
        }
    }

    /// SRTCP adds its 4-byte index and the authentication tag to each report.
    private var rtcpOverheadBytes: Int { session.configuration.srtp == nil ? 0 : 14 }

    /// RTCP goes by every open leg: with `auto` it keeps the standby TCP connection alive (the
    /// receiver closes connections that stay silent) and lets receiver reports come back
    /// whichever path works. Best effort: failures are dropped. The interval budget counts one
    /// copy: the session's bandwidth is that of the path the media takes, and the copy on the
    /// standby TCP connection is paced by TCP itself.
    /// With SRTCP each leg's copy is protected on its own: one copy under one SRTCP index on
    /// both legs would make the receiver reject the second as a replay (`srtp_replay_fail`).
    private func sendRTCP(_ bytes: [UInt8]) async {
        if let udp, let wire = protectRTCP(bytes) { await udp.sendRTCP(wire) }
        if let tcp, let wire = protectRTCP(bytes) { _ = tcp.send(wire, within: .seconds(1)) }
    }

    private func protectRTCP(_ bytes: [UInt8]) -> [UInt8]? {
        guard let srtp = session.configuration.srtp else { return bytes }
        return try? srtp.protectRTCP(bytes)
    }

    /// Releases impaired datagrams that are due; every tick, sends a sender report when one is
    /// due, emits the interval event and lets `auto` switch. Returns when it wants to run again.
    private func housekeeping() async throws -> Duration {
        let now = session.elapsed
        var wait = Self.tick
        if let link, let next = try await link.releaseDue(now: now) { wait = min(wait, next - now) }
        let (isDue, line) = schedule.withLock { s -> (Bool, Bool) in
            guard now >= s.nextTick else { return (false, false) }
            s.nextTick = now + Self.tick
            guard let due = s.nextLine, let every = session.configuration.reportInterval, now >= due else {
                return (true, false)
            }
            s.nextLine = due + every
            return (true, true)
        }
        if isDue {
            if let report = session.rtcp.reportIfDue(
                now: now, wallClock: session.wallClock(), overheadBytes: rtcpOverheadBytes)
            {
                await sendRTCP(report)
                tcpRTCPAt.withLock { $0 = now }
            } else if let tcp, udp != nil, tcp.isConnected, now - tcpRTCPAt.withLock({ $0 }) >= Self.tcpKeepalive,
                let report = session.rtcp.unscheduledReport(now: now, wallClock: session.wallClock())
            {
                // TCP only, so outside the UDP session's RTCP budget.
                if let wire = protectRTCP(report) { _ = tcp.send(wire, within: .seconds(1)) }
                tcpRTCPAt.withLock { $0 = now }
            }
            if line { session.onEvent(.receiverReport(at: now, status: session.rtcp.status(now: now))) }
            if router != nil, let change = session.directions.withLock({ $0.evaluate(now: now) }) {
                session.onEvent(.pathDirection(change))
            }
            if let router {
                router.setReportIntervalBound(session.rtcp.receiverReportIntervalBound(now: now))
                // No switch to a TCP standby that is not connected (nothing listens: ffmpeg).
                if let tcp, tcp.isConnected || router.mode == .tcp, let event = router.evaluate(now: now) {
                    session.onEvent(.switched(event))
                }
            }
        }
        let nextTick = schedule.withLock { $0.nextTick }
        return min(wait, nextTick - now)
    }

    /// Sends the last sender report with BYE, then waits up to 1.5 s for the receiver's answer
    /// (its final report and BYE) so the result carries the receiver's final figures.
    private func sayGoodbye(clock: PacingClock<C>) async throws {
        // The receiver closes the connection after our BYE; that is the end, not an outage.
        tcp?.stopReconnecting()
        let now = session.elapsed
        guard
            let goodbye = session.rtcp.reportIfDue(
                now: now, wallClock: session.wallClock(), goodbye: true, overheadBytes: rtcpOverheadBytes)
        else {
            return
        }
        await sendRTCP(goodbye)
        let deadline = clock.now.advanced(by: .milliseconds(1500))
        while clock.now < deadline, !session.rtcp.status(now: now).receiverSaidGoodbye {
            try await clock.sleep(until: clock.now.advanced(by: Self.tick), tolerance: nil)
        }
    }

    private func finish(summary: SenderSummary) -> SenderResult {
        var result = SenderResult(
            summary: summary, impairment: link?.counters, rtcp: session.rtcp.status(now: session.elapsed),
            udpSendsRefused: refusals.value)
        if let router, let tcp {
            let sent = router.sentCounts
            let auto = AutoPathSummary(
                sentByUDP: sent.udp, sentByTCP: sent.tcp, udpSendFailures: router.udpSendFailures,
                udpRefusedByKernel: udp?.socketsClosedBySendErrors ?? 0, switches: router.events,
                tcpConnections: tcp.connections, endedOn: router.mode)
            result.auto = auto
            session.onEvent(.autoFinished(auto))
        } else if let tcp {
            let leg = TCPLegSummary(counters: tcp.counters, connections: tcp.connections, deadline: tcpDeadline)
            result.tcp = leg
            session.onEvent(.tcpFinished(leg))
        }
        return result
    }
}
