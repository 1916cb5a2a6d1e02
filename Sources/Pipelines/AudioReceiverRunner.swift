import Reports
import Media
import NIOCore
import Synchronization
import RTP
import Transport

/// Drives an ``AudioReceiverCore`` from UDP sockets and a monotonic clock: tasks read RTP (and
/// RTCP) datagrams, another plays frames out at their deadlines, sends receiver reports and closes
/// intervals, until the stop condition holds, the sender says BYE, or the task is cancelled.
public enum AudioReceiverRunner {
    /// Receives with a new core built from `configuration`, writing decoded audio to `write`.
    /// - Parameter rtcpSocket: where RTCP arrives and leaves (port + 1); `nil` with rtcp-mux or
    ///   when RTCP is not wanted.
    package static func run(
        socket: UDPSocket,
        rtcpSocket: UDPSocket? = nil,
        tcpListener: TCPMediaListener? = nil,
        configuration: AudioReceiverConfiguration,
        stop: ReceiverStopCondition,
        options: ReceiverRunOptions = ReceiverRunOptions(),
        write: @escaping @Sendable (StreamKey, [Int16], AudioFormat) throws -> Void
    ) async throws -> ReceiverSummary {
        let state = LockedCore(AudioReceiverCore(configuration: configuration, write: write))
        let clock = ContinuousClock()
        let start = clock.now
        let rtcpOut = options.rtcpMux ? socket : rtcpSocket
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (input, isRTCPPort) in [(socket, false), (rtcpSocket, true)] {
                guard let input else { continue }
                group.addTask {
                    for try await datagram in input.inbound {
                        // Stamped on the event loop as it was read, when the socket does that. A
                        // datagram read before the run started counts as arriving at its start
                        // (both clocks moved alike, so their pairing stays true).
                        let stamp = input.arrivals?.next()
                        let stamped = stamp.map { start.duration(to: $0.instant) }
                        let arrival = stamped.map { max(.zero, $0) } ?? start.duration(to: clock.now)
                        let wall = stamp.map { $0.wallClock + (arrival - (stamped ?? arrival)) } ?? WallClock.now()
                        if let capture = options.capture {
                            // As it came, before any check (SRTP still protected), each GRO segment apart.
                            let destination = datagram.metadata?.packetInfo?.destinationAddress
                            datagram.forEachSegment {
                                capture.udp($0, from: datagram.remoteAddress, to: destination, local: input.localAddress, wallClock: wall)
                            }
                        }
                        // Both ports go through `receive`, which tells RTCP from RTP (RFC 5761) and
                        // unprotects SRTP/SRTCP first; RTP arriving on the RTCP port is counted apart.
                        // The bytes are read where NIO put them: no copy per datagram. A GRO
                        // aggregate is split in place, so each datagram in it counts on its own.
                        try state.mutex.withLock { core in
                            try datagram.forEachSegment { bytes in
                                if isRTCPPort, !RTCPCompound.isRTCP(bytes) {
                                    return core.rejectDatagram("rtp_on_rtcp_port")
                                }
                                try core.receive(bytes, from: datagram.remoteAddress, arrival: arrival, wallClock: wall)
                            }
                        }
                    }
                    // The RTCP port's socket closes when a report could not be sent (NIO closes a
                    // datagram channel on most send errors: a local firewall's EPERM). That ends
                    // the reports, not the run: wait here until the run ends for another reason.
                    if isRTCPPort { while true { try await Task.sleep(for: .seconds(3600)) } }
                }
            }
            if let tcpListener {
                group.addTask {
                    for await inbound in tcpListener.inbound {
                        let arrival = start.duration(to: clock.now)
                        let wall = WallClock.now()
                        options.capture?.tcp(
                            inbound.frame, from: inbound.remote, to: inbound.local ?? tcpListener.localAddress,
                            connectionID: inbound.connectionID, wallClock: wall)
                        try state.mutex.withLock { core in
                            try core.receive(
                                inbound.frame, from: inbound.remote, arrival: arrival, wallClock: wall,
                                path: .tcp(connectionID: inbound.connectionID))
                        }
                    }
                }
            }
            group.addTask {
                var nextInterval = options.interval
                var goodbyeAt: Duration?
                while true {
                    let now = start.duration(to: clock.now)
                    let wall = WallClock.now()
                    let step = try state.mutex.withLock { core in
                        try core.tick(now: now)
                        var record: IntervalRecord?
                        var summary: ReceiverSummary?
                        if let due = nextInterval, now >= due, let every = options.interval {
                            record = core.closeInterval(now: now)
                            if options.onSummary != nil { summary = core.summary }
                            nextInterval = due + every
                        }
                        let reports = rtcpOut == nil && tcpListener == nil ? [] : core.rtcpReportsIfDue(now: now, wallClock: wall, rtcpMux: options.rtcpMux)
                        // The primary stream's BYE ends the run once no other stream is playing.
                        if core.streamEnded, core.activeStreamCount <= 1, goodbyeAt == nil { goodbyeAt = now }
                        let stopping = stop.shouldStop(now: now, lastArrival: core.lastArrival)
                            || goodbyeAt.map { now - $0 >= options.drainAfterGoodbye } == true
                        return (record, reports, stopping, core.nextPlayoutTime, summary)
                    }
                    if let record = step.0 { options.onInterval?(record) }
                    if let summary = step.4 { options.onSummary?(summary) }
                    for report in step.1 where !(await send(report, udp: rtcpOut, tcp: tcpListener)) {
                        state.mutex.withLock { $0.noteRTCPSendError() }
                    }
                    if step.2 { return }
                    // Wake for the next frame, but at least every 10 ms for reports and the stop condition.
                    let wake = min(step.3 ?? now + .milliseconds(10), now + .milliseconds(10))
                    try await clock.sleep(until: start.advanced(by: max(wake, now + .microseconds(500))))
                }
            }
            // Whichever ends first (the playout task on stop, or a socket closing) ends all.
            do {
                try await group.next()
            } catch is CancellationError {
            }
            group.cancelAll()
        }
        // The last, partial interval, so the intervals add up to the summary (as iperf3 does).
        let now = start.duration(to: clock.now)
        if options.interval != nil {
            let record = state.mutex.withLock { $0.closeInterval(now: now) }
            if record.endSeconds > record.startSeconds { options.onInterval?(record) }
        }
        // A last report with BYE tells the sender we are leaving (RFC 3550 §6.6).
        let goodbye = state.mutex.withLock {
            $0.rtcpReportsIfDue(now: now, wallClock: WallClock.now(), rtcpMux: options.rtcpMux, goodbye: true)
        }
        for report in goodbye where !(await send(report, udp: rtcpOut, tcp: tcpListener)) {
            state.mutex.withLock { $0.noteRTCPSendError() }
        }
        var summary = state.mutex.withLock { $0.finish() }
        summary.socketDrops = await kernelDrops([socket, rtcpSocket].compactMap { $0 })
        options.onSummary?(summary)
        return summary
    }
}

extension AudioReceiverRunner {
    /// What the kernel dropped at these sockets (receive buffer full), summed; `nil` when not counted.
    static func kernelDrops(_ sockets: [UDPSocket]) async -> Int? {
        var total: Int?
        for socket in sockets {
            if let drops = await socket.kernelDrops() { total = (total ?? 0) + drops }
        }
        return total
    }

    /// Sends a receiver report by UDP and, while the sender uses TCP, on its connection too.
    /// - Returns: whether the UDP copy left (false: this host refused it, or its socket had closed).
    @discardableResult
    static func send(_ report: ReceiverReportOut, udp: UDPSocket?, tcp: TCPMediaListener?) async -> Bool {
        var sent = true
        if let udp {
            do { try await udp.sendConfirmed(report.bytes, to: report.udpDestination) } catch { sent = false }
        }
        if case .tcp(let connectionID) = report.tcp {
            try? await tcp?.send(report.tcpBytes ?? report.bytes, toConnection: connectionID)
        }
        return sent
    }
}

/// Shares the core between the reading and playout tasks; every access holds the mutex.
private final class LockedCore: Sendable {
    let mutex: Mutex<AudioReceiverCore>
    init(_ core: sending AudioReceiverCore) { mutex = Mutex(core) }
}
