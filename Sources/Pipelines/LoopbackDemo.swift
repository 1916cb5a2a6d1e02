import Media
import Opus
import Reports
import Transport

/// `jitterbug demo`'s stream: a receiver on an ephemeral loopback port and an Opus tone sender
/// in this process, no RTCP. The receiver stops 1 s after the last packet (or 5 s after the
/// stream's planned end).
package enum LoopbackDemo {
    /// Streams a `toneHz` tone for `duration` and returns what each side saw.
    /// - Parameters:
    ///   - onListening: the receiver's address once it is bound (before the sender starts).
    ///   - write: decoded audio as the receiver plays it out.
    package static func run<Random: RandomNumberGenerator>(
        toneHz: Double, duration: Duration, encoder: OpusEncoderConfiguration, format: AudioFormat,
        random: inout Random,
        onListening: (String) -> Void,
        write: @escaping @Sendable (StreamKey, [Int16], AudioFormat) throws -> Void
    ) async throws -> (sent: SenderSummary, heard: ReceiverSummary) {
        let listen = try EndpointAddress(host: "127.0.0.1", port: 0).resolve()
        return try await UDPTransport.withSocket(boundTo: listen) { receiverSocket in
            let target = receiverSocket.localAddress ?? listen
            onListening(target.endpointDescription)
            async let heard = AudioReceiverRunner.run(
                socket: receiverSocket, configuration: AudioReceiverConfiguration(),
                stop: ReceiverStopCondition(duration: duration + .seconds(5), idle: .seconds(1)), write: write)
            let sender = try UDPTransport.wildcardAddress(matching: target)
            let sent = try await UDPTransport.withSocket(boundTo: sender) { socket in
                var source: any AudioSource = ToneSource(frequencyHz: toneHz, durationSeconds: nil, format: format)
                return try await AudioSender(configuration: AudioSenderConfiguration(encoder: encoder, duration: duration))
                    .run(source: &source, clock: ContinuousClock(), random: &random) { bytes in
                        try await socket.send(bytes, to: target)
                    }
            }
            return (sent, try await heard)
        }
    }
}
