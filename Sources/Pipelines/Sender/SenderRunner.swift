import RTP
import Reports

/// The sender pipeline around a media sender (``AudioSender``, ``TelemetrySender``): transport
/// (UDP, TCP or `auto`), SRTP, sender-side impairment, RTCP with BYE, and events for the caller
/// to print. The shape of ``AudioReceiverRunner``.
///
/// Impairment is applied in one place for every transport: the UDP datagram leg (SRTP →
/// impairment → UDP), for `udp` and for `auto`. TCP is never impaired by the sender: dropping
/// packets before a TCP socket is something TCP would never do (use the lab to impair real TCP).
package enum SenderRunner {
    /// Runs `media` on `clock` (wrapped so its sleeps also do the pipeline's periodic work),
    /// over `network`, and returns what happened. Events go to `onEvent` as they happen.
    /// - Parameter media: runs the media sender with the clock, a per-packet hook to call
    ///   before each packet is sent, and the transmit function; returns its summary.
    package static func run<Network: SenderNetwork, C: Clock>(
        network: Network,
        clock: C,
        configuration: SenderPipelineConfiguration,
        wallClock: @escaping @Sendable () -> Duration = WallClock.now,
        onEvent: @escaping @Sendable (SenderEvent) -> Void = { _ in },
        media: (PacingClock<C>, (RTPPacket) -> Void, ([UInt8]) async throws -> Void) async throws -> SenderSummary
    ) async throws -> SenderResult where C.Duration == Duration {
        let run = SenderSession(
            clock: clock, configuration: configuration, wallClock: wallClock, peerDescription: network.peerDescription,
            onEvent: onEvent)
        let receive: @Sendable ([UInt8]) -> Void = { run.receiveRTCP($0, via: .udp) }
        let receiveByTCP: @Sendable ([UInt8]) -> Void = { run.receiveRTCP($0, via: .tcp) }
        switch configuration.transport {
        case .udp:
            return try await network.withDatagramLeg(rtcp: receive) { udp in
                try await SenderStream(session: run, udp: udp, tcp: Network.Frames?.none).run(media: media)
            }
        case .tcp:
            return try await network.withFrameLeg(standby: false, rtcp: receiveByTCP, onEvent: { run.noteTCP($0) }) { tcp in
                try await SenderStream(session: run, udp: Network.Datagrams?.none, tcp: tcp).run(media: media)
            }
        case .auto:
            // TCP is a standby: with no listener (ffmpeg, GStreamer) the run streams on UDP, says
            // so once, and keeps trying TCP quietly in case one appears.
            return try await network.withDatagramLeg(rtcp: receive) { udp in
                try await network.withFrameLeg(standby: true, rtcp: receiveByTCP, onEvent: { run.noteTCP($0) }) { tcp in
                    try await SenderStream(session: run, udp: udp, tcp: tcp).run(media: media)
                }
            }
        }
    }
}
