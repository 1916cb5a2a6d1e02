import JitterbugSupport
import Opus
import Reports
import Telemetry
import ArgumentParser
import Impairment
import NIOCore
import RTP
import SRTP
import Media
import Pipelines
import Transport

/// `jitterbug send`: encode audio with Opus and stream it as RTP over UDP.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Stream audio (a test signal, a WAV file or stdin) as Opus over RTP/UDP.",
        discussion: """
            Examples:
              jitterbug send --to 127.0.0.1:5004 --tone 1000 --duration 5s
              jitterbug send --to [::1]:5004 --input speech.wav --fec --bitrate 24k
              jitterbug send --to 192.0.2.7:5004 --tone 440 --sdp stream.sdp   (then: ffmpeg -protocol_whitelist file,udp,rtp -i stream.sdp out.wav)
              arecord -f S16_LE -r 48000 -c 1 | jitterbug send --to 192.0.2.7:5004 --input -
            Without --input or a signal option, a 1000 Hz tone is sent for 10 s.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Receiver address.", valueName: "host:port"))
    var to: AddressArgument

    @OptionGroup var signal: SignalOptions
    @OptionGroup var encoding: EncodingOptions
    @OptionGroup var impairment: ImpairOptions
    @OptionGroup var telemetryOptions: TelemetrySendOptions
    @OptionGroup var srtpOptions: SRTPOptions

    @Option(help: ArgumentHelp("How much to send (default: 10s for signals, the whole input for files).", valueName: "interval"),
            transform: Interval.argument)
    var duration: Interval?

    @Option(help: ArgumentHelp("RTP payload type, 96-127 (dynamic, RFC 3551); default 111 for Opus, 100 for telemetry.", valueName: "pt"))
    var payloadType: Int?

    @Option(help: ArgumentHelp("Load test: drive this many concurrent streams (1 to 10000) with pre-encoded Opus frames, staggered over one frame time; with --rate max, unpaced.", valueName: "n"))
    var streams: Int?

    @Option(help: ArgumentHelp("Transport: udp; tcp (RTP over TCP, RFC 4571, to the same port number); or auto (UDP, falling back to TCP when UDP fails, and back).", valueName: "kind"))
    var transport: String = "udp"

    @Option(help: ArgumentHelp("auto: fall back when no receiver report (or no UDP progress) for this long.", valueName: "interval"),
            transform: Interval.argument)
    var fallbackAfter: Interval = Interval(.seconds(1))

    @Option(help: ArgumentHelp("auto: fall back when UDP loss over the last second exceeds this percentage.", valueName: "percent"))
    var fallbackLoss: Double = 30

    @Option(help: ArgumentHelp("auto: return to UDP after it has been healthy this long.", valueName: "interval"),
            transform: Interval.argument)
    var recoverAfter: Interval = Interval(.seconds(5))

    @Option(help: ArgumentHelp("Write transport switch and TCP connection events (closed, made again) as JSON Lines.", valueName: "file"))
    var events: String?

    @Option(help: ArgumentHelp("With --transport tcp, drop frames not written to the socket within this long.", valueName: "interval"),
            transform: Interval.argument)
    var tcpDeadline: Interval = Interval(.milliseconds(200))

    @Option(help: ArgumentHelp("Record every RTP packet's sequence number, timestamp, send time and sizes as CSV.", valueName: "file"))
    var trace: String?

    @Flag(name: .customLong("no-gso"), help: "With --streams: send every datagram on its own instead of coalescing equal-size runs with UDP GSO (where the kernel supports it).")
    var noGSO = false

    @Flag(help: "Send RTCP on the RTP port (RFC 5761) instead of port + 1.")
    var rtcpMux = false

    @Option(help: ArgumentHelp("Print a line with what the receiver reports (RTT, loss, jitter) this often.", valueName: "interval"),
            transform: Interval.argument)
    var interval: Interval?

    @Option(help: ArgumentHelp("Write an SDP (RFC 4566, RFC 7587) describing the stream, for ffmpeg or GStreamer.", valueName: "file"))
    var sdp: String?

    func validate() throws {
        _ = try to.parse(allowBarePort: false)
        if let payloadType, !(96...127).contains(payloadType) {
            throw ValidationError("invalid --payload-type '\(payloadType)': expected a dynamic payload type from 96 to 127")
        }
        guard ["udp", "tcp", "auto"].contains(transport) else {
            throw ValidationError("invalid --transport '\(transport)': expected udp, tcp or auto")
        }
        guard fallbackLoss > 0, fallbackLoss <= 100 else {
            throw ValidationError("invalid --fallback-loss '\(fallbackLoss)': expected a percentage above 0 and at most 100")
        }
        if transport == "tcp", impairment.impair != nil {
            throw ValidationError("--impair drops packets before the socket, which TCP would never do: use `jitterbug lab --impair SPEC -- ...` to impair real TCP")
        }
        if let streams, !(1...10_000).contains(streams) {
            throw ValidationError("invalid --streams '\(streams)': expected 1 to 10000")
        }
        if streams == nil, telemetryOptions.rate == "max" {
            throw ValidationError("--rate max (unpaced) goes with --streams N")
        }
        if streams != nil, telemetryOptions.telemetry != nil || signal.input != nil {
            throw ValidationError("--streams sends pre-encoded Opus frames: drop --telemetry and --input")
        }
        try srtpOptions.validate()
        if telemetryOptions.rate != "max" { try telemetryOptions.validate() }
        if telemetryOptions.telemetry != nil, signal.tone != nil || signal.sweep != nil || signal.noise || signal.silence {
            throw ValidationError("--telemetry sends sensor data: drop --tone, --sweep, --noise and --silence")
        }
        try signal.validate()
        try encoding.validate()
        try impairment.validate()
    }

    func run() async throws {
        let destinationText = try to.parse(allowBarePort: false)
        let destination = try destinationText.resolve()
        if telemetryOptions.telemetry != nil { return try await runTelemetry(destinationText: destinationText, destination: destination) }
        if let streams { return try await runLoad(streams: streams, destinationText: destinationText, destination: destination) }
        let payloadType = self.payloadType ?? 111
        var source = try signal.makeSource(format: encoding.format, defaultDuration: duration == nil ? .seconds(10) : nil)
        let encoderConfiguration = try encoding.encoderConfiguration(inputFormat: source.format)
        let senderConfiguration = AudioSenderConfiguration(
            encoder: encoderConfiguration, payloadType: UInt8(payloadType), duration: duration?.duration)
        if let sdp {
            let description = SessionDescription(
                connectionAddress: destination.ipAddress ?? destinationText.host ?? "127.0.0.1",
                port: destinationText.port, payloadType: UInt8(payloadType), channels: encoderConfiguration.channels,
                packetTimeMilliseconds: encoderConfiguration.frameDuration.milliseconds,
                inbandFEC: encoderConfiguration.inbandFEC, dtx: encoderConfiguration.dtx,
                bitrate: encoderConfiguration.bitrate, sendTimeExtensionID: senderConfiguration.sendTimeExtensionID,
                sessionID: UInt64(WallClock.now().components.seconds))
            var withCrypto = description
            if srtpOptions.enabled {
                // RFC 4568 SDES: the key travels in the SDP, so the file is readable by its owner only.
                withCrypto.cryptoAttribute = SRTPCryptoAttribute.cryptoAttribute(key: try srtpOptions.key())
            }
            try TextFile.write(withCrypto.text, to: sdp, permissions: srtpOptions.enabled ? 0o600 : nil)
        }
        let bindAddress = try UDPTransport.wildcardAddress(matching: destination)
        let spec = try impairment.spec()
        let log = try impairment.impairLog.map { try LineFile(path: $0) }
        defer { log?.close() }
        let reporting = try makeReporting()
        let (summary, impaired) = try await Self.stream(
            bindAddress: bindAddress, destination: destination, impairment: spec, log: log, reporting: reporting,
            transport: transportChoice
        ) { clock, onPacket, transmit in
            var random = SystemRandom()
            return try await AudioSender(configuration: senderConfiguration).run(
                source: &source, clock: clock, random: &random, onPacket: onPacket, transmit: transmit)
        }
        report(destinationText: destinationText, summary: summary, reporting: reporting, impaired: impaired, spec: spec)
    }

    /// `--telemetry SOURCE`: sensor frames instead of audio, over the same transport and RTCP.
    private func runTelemetry(destinationText: EndpointAddress, destination: SocketAddress) async throws {
        let rate = try TelemetryRate(parsing: telemetryOptions.rate)
        let kind: TelemetrySourceKind
        do {
            kind = try TelemetrySourceKind(parsing: telemetryOptions.telemetry ?? "imu", input: signal.input)
        } catch {
            throw ValidationError("invalid --telemetry: \(error)")
        }
        let start = WallClock.now()
        let startMicroseconds = start.components.seconds * 1_000_000 + start.components.attoseconds / 1_000_000_000_000
        var source: any TelemetrySource
        do {
            source = try kind.makeSource(startMicroseconds: startMicroseconds, rate: rate)
        } catch {
            throw RuntimeError("\(error)")
        }
        var configuration = TelemetrySender.Configuration(
            rate: rate, samplesPerFrame: telemetryOptions.samplesPerFrame, payloadType: UInt8(payloadType ?? 100),
            duration: duration?.duration ?? (Self.isSynthetic(kind) ? .seconds(10) : nil))
        configuration.packetizer.payloadType = UInt8(payloadType ?? 100)
        let spec = try impairment.spec()
        let log = try impairment.impairLog.map { try LineFile(path: $0) }
        defer { log?.close() }
        let reporting = try makeReporting()
        let sender = TelemetrySender(configuration: configuration)
        let (summary, impaired) = try await Self.stream(
            bindAddress: try UDPTransport.wildcardAddress(matching: destination), destination: destination,
            impairment: spec, log: log, reporting: reporting, transport: transportChoice
        ) { clock, onPacket, transmit in
            var random = SystemRandom()
            return try await sender.run(source: &source, clock: clock, random: &random, onPacket: onPacket, transmit: transmit)
        }
        report(destinationText: destinationText, summary: summary, reporting: reporting, impaired: impaired, spec: spec)
    }

    /// `--streams N`: many streams from one socket, batched writes, no RTCP.
    private func runLoad(streams: Int, destinationText: EndpointAddress, destination: SocketAddress) async throws {
        let configuration = LoadSender.Configuration(
            streams: streams, encoder: try encoding.encoderConfiguration(inputFormat: encoding.format),
            payloadType: UInt8(payloadType ?? 111), duration: duration?.duration ?? .seconds(10),
            unpaced: telemetryOptions.rate == "max")
        let summary = try await UDPTransport.withSocket(
            boundTo: try UDPTransport.wildcardAddress(matching: destination),
            options: UDPSocketOptions(segmentationOffload: !noGSO)
        ) { socket in
            var random = SystemRandom()
            return try await LoadSender(configuration: configuration).run(random: &random) { batch in
                try await socket.send(batch: batch.map { (bytes: $0, remote: destination) })
            }
        }
        let rate = summary.durationSeconds > 0 ? Double(summary.packets) / summary.durationSeconds : 0
        print("jitterbug send to \(destinationText): \(streams) streams, \(summary.packets) packets, \(summary.bytes) bytes in "
            + "\(summary.durationSeconds.formatted(decimals: 2)) s (\(rate.formatted(decimals: 0)) packets/s)")
    }

    /// RTCP settings, and the `--trace` file (with its header) when asked for.
    private func makeReporting() throws -> SenderReporting {
        var reporting = SenderReporting(rtcpMux: rtcpMux, interval: interval?.duration)
        reporting.srtp = try srtpOptions.session(role: .sender)
        if let events { reporting.events = try LineFile(path: events) }
        if let trace {
            reporting.trace = try LineFile(path: trace)
            reporting.trace?.write(SenderReporting.traceHeader)
        }
        return reporting
    }

    var transportChoice: TransportChoice {
        switch transport {
        case "tcp": .tcp(deadline: tcpDeadline.duration)
        case "auto":
            .auto(
                deadline: tcpDeadline.duration,
                policy: FallbackPolicy.Configuration(
                    fallbackAfter: fallbackAfter.duration, fallbackLoss: fallbackLoss / 100,
                    recoverAfter: recoverAfter.duration))
        default: .udp
        }
    }

    /// Generated sources run for 10 s unless --duration says otherwise; files run to their end.
    static func isSynthetic(_ kind: TelemetrySourceKind) -> Bool {
        switch kind {
        case .csv, .jsonLines: false
        default: true
        }
    }

    private func report(
        destinationText: EndpointAddress, summary: SenderSummary, reporting: SenderReporting,
        impaired: ImpairedLink.Counters?, spec: ImpairmentSpec?
    ) {
        print("jitterbug send to \(destinationText): \(summary.line)")
        print(reporting.summaryLine)
        if let impaired {
            print("impairment \(spec.map { "\($0)" } ?? ""): \(impaired.dropped) of \(impaired.submitted) packets dropped, "
                + "\(impaired.duplicated) duplicated, \(impaired.corrupted) corrupted")
        }
    }

    /// Streams over a new UDP socket (plus an RTCP socket on its port + 1 unless rtcp-mux),
    /// through an impaired link when `impairment` is set.
    private static func stream(
        bindAddress: SocketAddress, destination: SocketAddress, impairment: ImpairmentSpec?, log: LineFile?,
        reporting: SenderReporting, transport: TransportChoice = .udp, media: MediaRun
    ) async throws -> (SenderSummary, ImpairedLink.Counters?) {
        var result: (SenderSummary, ImpairedLink.Counters?)?
        if case .auto(let deadline, let policy) = transport {
            try await UDPTransport.withSocket(boundTo: bindAddress) { socket in
                if reporting.rtcpMux {
                    result = try await AutoTransport.stream(
                        socket: socket, rtcpSocket: socket, rtcpMux: true, destination: destination, policy: policy,
                        deadline: deadline, impairment: impairment, log: log, events: reporting.events, reporting: reporting
                    ) { send, rtcp in
                        try await stream(send: send, rtcp: rtcp, impairment: nil, log: nil, reporting: reporting, media: media).0
                    }
                    return
                }
                var rtcpAddress = socket.localAddress ?? bindAddress
                rtcpAddress.port = (rtcpAddress.port ?? 0) + 1
                try await UDPTransport.withSocket(boundTo: rtcpAddress) { rtcpSocket in
                    result = try await AutoTransport.stream(
                        socket: socket, rtcpSocket: rtcpSocket, rtcpMux: false, destination: destination, policy: policy,
                        deadline: deadline, impairment: impairment, log: log, events: reporting.events, reporting: reporting
                    ) { send, rtcp in
                        try await stream(send: send, rtcp: rtcp, impairment: nil, log: nil, reporting: reporting, media: media).0
                    }
                }
            }
            guard let result else { throw RuntimeError("the sender did not run") }
            return result
        }
        if transport.isTCP {
            // RTP and RTCP over one TCP connection (RFC 4571); frames older than the deadline are
            // dropped before they reach the socket instead of queueing behind a stall.
            // A connection that drops (a receiver restart) is made again; what is sent meanwhile is
            // counted as not sent.
            let clock = ContinuousClock()
            let start = clock.now
            let events = reporting.events
            try await TCPReconnectingClient.withConnection(
                to: destination,
                onEvent: { event in AutoTransport.report(event, at: start.duration(to: clock.now), events: events) }
            ) { client in
                result = try await stream(
                    send: { bytes in _ = client.send(bytes, deadline: clock.now.advanced(by: transport.deadline)) },
                    rtcp: .tcp(client, clock: clock), impairment: nil, log: nil, reporting: reporting, media: media)
                let counters = client.counters
                Console.out(
                    "tcp: \(counters.framesSent) frames sent, \(counters.deadlineDrops) dropped past their "
                        + "\(Interval(transport.deadline)) deadline, \(counters.notConnectedDrops) while not connected, "
                        + "queue peak \(counters.queueHighWater), \(client.connections) connection\(client.connections == 1 ? "" : "s")")
            }
            guard let result else { throw RuntimeError("the sender did not run") }
            return result
        }
        try await UDPTransport.withSocket(boundTo: bindAddress) { socket in
            let send: @Sendable ([UInt8]) async throws -> Void = { try await socket.send($0, to: destination) }
            if reporting.rtcpMux {
                result = try await stream(
                    send: send, rtcp: .udp(socket, destination: destination, rtcpMux: true), impairment: impairment,
                    log: log, reporting: reporting, media: media)
                return
            }
            var rtcpAddress = socket.localAddress ?? bindAddress
            rtcpAddress.port = (rtcpAddress.port ?? 0) + 1
            try await UDPTransport.withSocket(boundTo: rtcpAddress) { rtcpSocket in
                result = try await stream(
                    send: send, rtcp: .udp(rtcpSocket, destination: destination, rtcpMux: false), impairment: impairment,
                    log: log, reporting: reporting, media: media)
            }
        }
        guard let result else { throw RuntimeError("the sender did not run") }
        return result
    }

    /// Runs the media sender with a clock, a per-packet hook and the transmit function.
    typealias MediaRun = (ContinuousClock, (RTPPacket) -> Void, ([UInt8]) async throws -> Void) async throws -> SenderSummary

    private static func stream(
        send: @escaping @Sendable ([UInt8]) async throws -> Void, rtcp: RTCPChannel, impairment: ImpairmentSpec?,
        log: LineFile?, reporting: SenderReporting, media: MediaRun
    ) async throws -> (SenderSummary, ImpairedLink.Counters?) {
        // SRTP protects each packet before it is impaired or routed, like a real sender.
        var send = send
        var rtcp = rtcp
        if let srtp = reporting.srtp {
            let plain = send
            send = { bytes in try await plain(try srtp.protectRTP(bytes)) }
            rtcp = rtcp.protected(by: srtp)
        }
        let link = impairedLink(impairment, log: log, deliver: send)
        let clock = ContinuousClock()
        let start = clock.now
        let releaser = Task { [link] in try await link?.run() }
        let rtcpTasks = reporting.start(channel: rtcp, clock: clock, start: start)
        let transmit: ([UInt8]) async throws -> Void = { [link] bytes in
            if let link { try await link.submit(bytes) } else { try await send(bytes) }
        }
        let summary = try await media(clock, { reporting.notePacket($0, at: start.duration(to: clock.now)) }, transmit)
        link?.finish()
        try await releaser.value
        try await reporting.finish(rtcpTasks, channel: rtcp, clock: clock, start: start)
        return (summary, link?.counters)
    }
}
