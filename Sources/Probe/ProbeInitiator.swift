import JitterbugSupport
import Media
import NIOCore
import Pipelines
import SRTP
import Stats
import Telemetry
import Transport

/// One outbound test: a tone (or telemetry) of the configured length sent to the peer's
/// responder through the sender pipeline (RTCP sender reports, BYE, and the wait for the peer's
/// last receiver report), and what the peer's reports said.
package enum ProbeInitiator {
    /// A 20 ms Opus frame plus its 6.5 ms look-ahead, in milliseconds: what the receiver's own
    /// estimate counts for the codec.
    static let codecDelayMilliseconds = 26.5

    /// Runs one test to `peer`; never throws: a peer that cannot be reached is a failed test.
    /// - Parameter rtpPort: the local RTP port of each attempt (1-based); 0, the default, lets
    ///   the kernel choose. Tests pin the first one to a pair whose RTCP port is taken.
    package static func test(
        _ peer: ProbePeer, configuration: ProbeConfiguration, rtpPort: (Int) -> Int = { _ in 0 }
    ) async -> ProbeTestResult {
        let transportName = configuration.transport == .udp ? "udp" : "auto"
        // The sender binds an ephemeral port, then port + 1 for RTCP; with many tests at once
        // another socket sometimes holds port + 1 already: try other ports before failing.
        var lastError: any Error = CancellationError()
        for attemptNumber in 1...bindAttempts {
            do {
                return try await attempt(
                    peer, configuration: configuration, transportName: transportName, rtpPort: rtpPort(attemptNumber))
            } catch let error as AddressInUseError where attemptNumber < bindAttempts {
                lastError = error
            } catch {
                lastError = error
                break
            }
        }
        var failure = failed(peer: peer.name, transport: transportName, error: lastError)
        failure.media = configuration.payload.mediaName
        return failure
    }

    /// Tries for a free RTP/RTCP port pair this many times.
    package static let bindAttempts = 5

    private static func attempt(
        _ peer: ProbePeer, configuration: ProbeConfiguration, transportName: String, rtpPort: Int
    ) async throws -> ProbeTestResult {
        let destination = try peer.address.resolve()
        var random = SystemRandomNumberGenerator()
        var bindAddress = try UDPTransport.wildcardAddress(matching: destination)
        bindAddress.port = rtpPort
        let network = SocketSenderNetwork(
            bindAddress: bindAddress, destination: destination, rtcpMux: false)
        // The peer's own key, else the probe's: the same key the peer's responder expects
        // from this host.
        let srtp = try (peer.srtpKey ?? configuration.srtpKey).map {
            try SRTPSession(role: .sender, key: $0, replayWindowPackets: configuration.replayWindowPackets)
        }
        var pipeline = SenderPipelineConfiguration(transport: configuration.transport, srtp: srtp)
        let result: SenderResult
        switch configuration.payload {
        case .tone(let frequencyHz):
            let encoder = configuration.encoder
            let sender = AudioSender(
                configuration: AudioSenderConfiguration(encoder: encoder, duration: configuration.testDuration))
            var source = ToneSource(
                frequencyHz: frequencyHz, durationSeconds: configuration.testDuration.seconds,
                format: AudioFormat(sampleRate: encoder.sampleRate, channels: encoder.channels))
            result = try await SenderRunner.run(network: network, clock: ContinuousClock(), configuration: pipeline) {
                clock, onPacket, transmit in
                try await sender.run(source: &source, clock: clock, random: &random, onPacket: onPacket, transmit: transmit)
            }
        case .telemetry(let kind, let rate, let samplesPerFrame):
            let sender = TelemetrySender(configuration: TelemetrySender.Configuration(
                rate: rate, samplesPerFrame: samplesPerFrame, duration: configuration.testDuration))
            // RTCP sender reports in the telemetry clock's units, as `send --telemetry` does.
            pipeline.rtpClockRateHertz = sender.configuration.packetizer.clockRateHz
            var source: any TelemetrySource = try kind.makeSource(
                startMicroseconds: WallClock.now().wholeMicroseconds, rate: rate)
            result = try await SenderRunner.run(network: network, clock: ContinuousClock(), configuration: pipeline) {
                clock, onPacket, transmit in
                try await sender.run(source: &source, clock: clock, random: &random, onPacket: onPacket, transmit: transmit)
            }
        }
        var tested = outcome(
            peer: peer.name, result: result, transport: transportName, scoredWithMOS: configuration.payload.isScoredWithMOS)
        tested.media = configuration.payload.mediaName
        if !tested.ok, srtp != nil, result.rtcp.reportsReceived == 0 {
            tested.failure = "no RTCP receiver report from the peer (SRTP: down, or it holds another key for this host)"
        }
        return tested
    }

    private static func failed(peer: String, transport: String, error: any Error) -> ProbeTestResult {
        var failed = ProbeTestResult(
            peer: peer, direction: .outbound, transport: transport, ok: false, endedAtUnixSeconds: WallClock.now().seconds)
        failed.failure = error is CancellationError ? "cancelled" : "\(error)"
        return failed
    }

    /// The outbound figures from a finished sender run: the peer's view from its last receiver
    /// report; failed when no report came back.
    /// - Parameter scoredWithMOS: false for telemetry tests, which get no MOS.
    package static func outcome(
        peer: String, result: SenderResult, transport: String, scoredWithMOS: Bool = true
    ) -> ProbeTestResult {
        let rtcp = result.rtcp
        var path = transport
        if let auto = result.auto { path = auto.endedOn == .tcp ? "tcp" : "udp" } else if transport == "auto" { path = "udp" }
        var outcome = ProbeTestResult(
            peer: peer, direction: .outbound, transport: path, ok: rtcp.reportsReceived > 0,
            endedAtUnixSeconds: WallClock.now().seconds)
        let sent = Int64(result.summary.packets)
        outcome.packetsSent = sent
        guard outcome.ok else {
            outcome.failure = "no RTCP receiver report from the peer"
            return outcome
        }
        let lost = max(0, Int64(rtcp.cumulativeLost ?? 0))
        outcome.packetsLost = lost
        outcome.lossRatio = sent > 0 ? min(1, Double(lost) / Double(sent)) : 0
        outcome.jitterSeconds = rtcp.jitterMilliseconds.map { $0 / 1000 }
        outcome.roundTripSeconds = rtcp.roundTripMilliseconds.map { $0 / 1000 }
        guard scoredWithMOS else { return outcome }
        // The peer's receiver knows its own playout; from here the E-model gets the network
        // part: half the round trip one way, the jitter as buffer, the codec frame.
        let estimate = QualityEstimate(
            networkOneWayDelayMilliseconds: (rtcp.roundTripMilliseconds ?? 0) / 2,
            jitterBufferDelayMilliseconds: 2 * (rtcp.jitterMilliseconds ?? 0),
            codecDelayMilliseconds: codecDelayMilliseconds, expectedPackets: sent, networkLostPackets: lost, latePackets: 0)
        outcome.mos = estimate.mos
        return outcome
    }
}
