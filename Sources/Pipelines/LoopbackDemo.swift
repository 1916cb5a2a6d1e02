import Media
import Opus
import Reports
import Transport

/// `jitterbug demo`'s stream: a receiver on an ephemeral loopback port and an Opus tone sender
/// in this process, through the same sender pipeline as `send` (``SenderRunner``), so RTCP goes
/// both ways on the RFC 3550 schedule: sender reports, receiver reports, the round trip on each
/// side, BYE. RTCP shares the RTP port (RFC 5761): the ephemeral port's port + 1 may be taken.
/// The receiver stops after the sender's BYE (or 1 s after the last packet, or 5 s after the
/// stream's planned end).
package enum LoopbackDemo {
    /// Streams a `toneHz` tone for `duration` and returns what each side saw.
    /// - Parameters:
    ///   - onListening: the receiver's address once it is bound (before the sender starts).
    ///   - write: decoded audio as the receiver plays it out.
    ///   - live: interval figures for `demo --web`, and the stream's impairment; nil for neither.
    package static func run<Random: RandomNumberGenerator>(
        toneHz: Double, duration: Duration, encoder: OpusEncoderConfiguration, format: AudioFormat,
        random: inout Random, live: LoopbackDemoLiveOptions? = nil,
        onListening: (String) -> Void,
        write: @escaping @Sendable (StreamKey, [Int16], AudioFormat) throws -> Void
    ) async throws -> (sent: SenderResult, heard: ReceiverSummary) {
        let listen = try EndpointAddress(host: "127.0.0.1", port: 0).resolve()
        return try await UDPTransport.withSocket(boundTo: listen) { receiverSocket in
            let target = receiverSocket.localAddress ?? listen
            onListening(target.endpointDescription)
            async let heard = AudioReceiverRunner.run(
                socket: receiverSocket, configuration: AudioReceiverConfiguration(),
                stop: ReceiverStopCondition(duration: duration + .seconds(5), idle: .seconds(1)),
                options: ReceiverRunOptions(
                    rtcpMux: true, interval: live?.interval, onInterval: live?.onInterval, onSummary: live?.onSummary),
                write: write)
            let network = SocketSenderNetwork(
                bindAddress: try UDPTransport.wildcardAddress(matching: target), destination: target, rtcpMux: true)
            let sender = AudioSender(configuration: AudioSenderConfiguration(encoder: encoder, duration: duration))
            let sent = try await SenderRunner.run(
                network: network, clock: ContinuousClock(),
                configuration: SenderPipelineConfiguration(transport: .udp, rtcpMux: true, impairment: live?.impairment)
            ) { clock, onPacket, transmit in
                var source: any AudioSource = ToneSource(frequencyHz: toneHz, durationSeconds: nil, format: format)
                return try await sender.run(
                    source: &source, clock: clock, random: &random, onPacket: onPacket, transmit: transmit)
            }
            return (sent, try await heard)
        }
    }
}
