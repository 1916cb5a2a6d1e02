import JitterbugSupport
import NIOCore
import Pipelines
import Reports
import Synchronization
import Transport

/// The listening side: receives test streams from any allowed peer with the receiver pipeline
/// (UDP with RTCP on port + 1, and RTP over TCP on the same port for `auto` senders), answers
/// with RTCP receiver reports so each initiator learns its view, and reports every finished
/// stream once, attributed to a peer. Runs until cancelled; a sender's BYE ends its stream only.
package enum ProbeResponder {
    /// How often the receiver's figures are looked at for finished streams.
    static let pollInterval: Duration = .seconds(1)

    /// How long an ended stream's summary stays in the receiver's list: the tracker reports a
    /// stream at most its `goodbyeGrace` (1 s) plus a poll or two after it ended, so 30 s leaves
    /// a starved host room; the list then holds the streams that ended in the last 30 s (about
    /// peers testing us × 30 s ÷ their period), however many tests have run.
    static let endedSummaryMaxAge: Duration = .seconds(30)

    /// The receiver the responder runs: measuring only, per-peer SRTP, and an ended-stream list
    /// bounded by time (``endedSummaryMaxAge``) and by count, not growing with tests run.
    package static func receiverConfiguration(
        _ configuration: ProbeConfiguration, srtpKeys: @escaping @Sendable () -> ProbeSRTPKeys
    ) -> AudioReceiverConfiguration {
        var receiver = AudioReceiverConfiguration(maxStreams: configuration.maxInboundStreams)
        receiver.allowFrom = configuration.allowFrom
        // Each peer's stream under that peer's key (or the probe's own): a stream under any
        // other key fails authentication and is counted (srtp_auth_fail).
        receiver.srtpForSource = { source in srtpKeys().session(for: source) }
        // Figures, buffer and MOS without decoding audio nobody hears.
        receiver.decodeAudio = false
        receiver.streamIdleTimeout = .seconds(5)
        // Ended tests are reported at the next poll (every second). Kept by count only (1,000,
        // then 256), the list grew with every test until full, and each second's summary copied
        // it: the soak's RSS crept up for as long as it filled (#20). Kept 30 s, it stops
        // growing after 30 s; the count stays as a ceiling for bursts.
        receiver.endedSummariesKept = 256
        receiver.endedSummariesMaxAge = endedSummaryMaxAge
        return receiver
    }

    /// - Parameters:
    ///   - attribution: read for every finished stream (it changes when the peer list is reloaded).
    ///   - srtpKeys: read for every datagram: the SRTP session of its source (per-peer keys).
    ///   - ready: called once with a description of the bound sockets.
    ///   - onRejections: called every poll with the datagrams rejected so far, by reason
    ///     (`not_allowed`, `srtp_auth_fail`, …).
    ///   - onResult: called with each finished inbound test.
    package static func run(
        configuration: ProbeConfiguration,
        attribution: @escaping @Sendable () -> ProbeAttribution,
        srtpKeys: @escaping @Sendable () -> ProbeSRTPKeys,
        ready: @escaping @Sendable (String) -> Void,
        onRejections: @escaping @Sendable ([String: Int]) -> Void = { _ in },
        onResult: @escaping @Sendable (ProbeTestResult) -> Void
    ) async throws {
        let receiver = receiverConfiguration(configuration, srtpKeys: srtpKeys)
        // Streams seen at the first look may have begun before we listened: not reported.
        let tracker = Mutex(ProbeStreamTracker(partialBefore: pollInterval * 1.5))
        let clock = ContinuousClock()
        let start = clock.now
        let options = ReceiverRunOptions(
            interval: pollInterval,
            onSummary: { summary in
                if !summary.rejected.isEmpty { onRejections(summary.rejected) }
                let now = start.duration(to: clock.now)
                let finished = tracker.withLock { $0.finished(in: summary, now: now) }
                guard !finished.isEmpty else { return }
                let peers = attribution()
                let endedAt = WallClock.now().seconds
                for stream in finished {
                    onResult(ProbeTestResult(
                        inbound: stream, peer: peers.peer(forStream: stream.stream ?? ""), endedAtUnixSeconds: endedAt))
                }
            },
            // A sender's BYE ends that stream, never the responder (10,000 h: never in practice).
            drainAfterGoodbye: .seconds(10_000 * 3_600))
        var socketOptions = UDPSocketOptions()
        socketOptions.stampArrivals = true
        try await UDPTransport.withSocket(boundTo: configuration.listen, options: socketOptions) { socket in
            let bound = socket.localAddress ?? configuration.listen
            try await UDPTransport.withSocket(boundTo: try bound.rtcpPort(), options: socketOptions) { rtcpSocket in
                func serve(_ tcp: TCPMediaListener?) async throws {
                    ready("\(bound.endpointDescription) (UDP, RTCP on \(rtcpSocket.localAddress?.endpointDescription ?? "port + 1")\(tcp == nil ? "" : ", and TCP RFC 4571"))")
                    _ = try await AudioReceiverRunner.run(
                        socket: socket, rtcpSocket: rtcpSocket, tcpListener: tcp, configuration: receiver,
                        stop: ReceiverStopCondition(duration: nil, idle: nil), options: options,
                        write: { _, _, _ in })
                }
                var started = false
                do {
                    try await TCPMediaListener.withListener(boundTo: bound) { listener in
                        started = true
                        try await serve(listener)
                    }
                } catch where !started {
                    try await serve(nil)
                }
            }
        }
    }
}
