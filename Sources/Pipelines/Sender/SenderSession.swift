import RTCP
import RTP
import Synchronization
import Transport

/// What one sender run shares between its legs, the RTCP reader and the media loop: the clock
/// and start time, the RTCP session, the `auto` fallback controller, the event sink.
final class SenderSession<C: Clock>: Sendable where C.Duration == Duration {
    let clock: C
    let start: C.Instant
    let configuration: SenderPipelineConfiguration
    let wallClock: @Sendable () -> Duration
    let onEvent: @Sendable (SenderEvent) -> Void
    let rtcp: SenderRTCPSession
    /// With `auto` only.
    let controller: FallbackController?
    /// The receiver, for messages.
    let peerDescription: String
    /// With `auto`: which direction of UDP works, from where reports arrive.
    let directions = Mutex(PathDirectionMonitor())
    /// `auto`'s first TCP attempt failed (so its first connection, if any, is news).
    private let standbyWasUnavailable = Atomic<Bool>(false)

    init(
        clock: C, configuration: SenderPipelineConfiguration, wallClock: @escaping @Sendable () -> Duration,
        peerDescription: String, onEvent: @escaping @Sendable (SenderEvent) -> Void
    ) {
        self.peerDescription = peerDescription
        self.clock = clock
        self.start = clock.now
        self.configuration = configuration
        self.wallClock = wallClock
        self.onEvent = onEvent
        rtcp = SenderRTCPSession(clockRate: configuration.rtpClockRateHertz)
        if case .auto(_, let policy) = configuration.transport {
            controller = FallbackController(configuration: policy)
        } else {
            controller = nil
        }
    }

    /// Time since the start of the run.
    var elapsed: Duration { start.duration(to: clock.now) }

    /// An RTCP compound from the receiver by `leg`; SRTCP that does not authenticate is dropped.
    func receiveRTCP(_ bytes: [UInt8], via leg: PathDirectionMonitor.Leg) {
        var clear = bytes
        if let srtp = configuration.srtp {
            guard let unprotected = try? srtp.unprotectRTCP(bytes) else { return }
            clear = unprotected
        }
        let now = elapsed
        controller?.noteReceiverRTCP(clear, now: now)
        if controller != nil {
            let counted = (try? RTCPCompound.parse(clear)).flatMap(PathReport.find(in:))?.udpPackets
            directions.withLock { $0.noteReport(via: leg, now: now, udpPacketsReceived: counted) }
        }
        rtcp.receive(clear, arrival: now, wallClock: wallClock())
    }

    /// A change of the TCP connection; the first connection is not news, unless the standby
    /// was unavailable at the start.
    func noteTCP(_ event: TCPConnectionEvent) {
        let now = elapsed
        switch event {
        case .connected(let number) where number > 1: onEvent(.tcpConnectedAgain(at: now, connection: number))
        case .connected:
            if standbyWasUnavailable.load(ordering: .relaxed) { onEvent(.tcpStandbyConnected(at: now)) }
        case .unavailable(let reason, _):
            standbyWasUnavailable.store(true, ordering: .relaxed)
            onEvent(.udpOnly(peer: peerDescription, reason: reason))
        case .closed(let upFor, let retryIn): onEvent(.tcpClosed(at: now, upFor: upFor, retryIn: retryIn))
        case .attemptFailed(let reason, let retryIn):
            onEvent(.tcpReconnectFailed(at: now, reason: reason, retryIn: retryIn))
        }
    }

    /// Records one packet for RTCP (and the trace) as it is handed to the transport.
    func notePacket(_ packet: RTPPacket) {
        rtcp.notePacket(packet, at: elapsed)
        guard configuration.trace else { return }
        onEvent(
            .packetSent(
                SenderTraceRecord(
                    sequenceNumber: packet.header.sequenceNumber, rtpTimestamp: packet.header.timestamp,
                    sendUnixMicroseconds: wallClock().wholeMicroseconds, rtpBytes: packet.serializedLength,
                    payloadBytes: packet.payload.count)))
    }
}
