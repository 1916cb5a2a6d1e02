import RTCP
import RTP
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

    init(
        clock: C, configuration: SenderPipelineConfiguration, wallClock: @escaping @Sendable () -> Duration,
        onEvent: @escaping @Sendable (SenderEvent) -> Void
    ) {
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

    /// An RTCP compound from the receiver (either leg); SRTCP that does not authenticate is dropped.
    func receiveRTCP(_ bytes: [UInt8]) {
        var clear = bytes
        if let srtp = configuration.srtp {
            guard let unprotected = try? srtp.unprotectRTCP(bytes) else { return }
            clear = unprotected
        }
        let now = elapsed
        controller?.noteReceiverRTCP(clear, now: now)
        rtcp.receive(clear, arrival: now, wallClock: wallClock())
    }

    /// A change of the TCP connection; the first connection is not news.
    func noteTCP(_ event: TCPConnectionEvent) {
        let now = elapsed
        switch event {
        case .connected(let number) where number > 1: onEvent(.tcpConnectedAgain(at: now, connection: number))
        case .connected: break
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
