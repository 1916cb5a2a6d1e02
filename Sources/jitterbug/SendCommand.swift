import ArgumentParser
import JitterbugSupport
import Pipelines
import Telemetry
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
              jitterbug send --to 192.0.2.7:5004 --tone 440 --sdp stream.sdp
              ffmpeg -protocol_whitelist file,udp,rtp -i stream.sdp out.wav
              arecord -f S16_LE -r 48000 -c 1 \\
                  | jitterbug send --to 192.0.2.7:5004 --input -
            Without --input or a signal option, a 1000 Hz tone is sent for 10 s.
            By default (--transport auto) a TCP connection to the same port stands by
            and carries the stream when UDP fails; with no TCP listener (ffmpeg,
            GStreamer) the run is plain UDP.
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
            transform: Interval.durationArgument)
    var duration: Interval?

    @Option(help: ArgumentHelp("RTP payload type, 96-127 (dynamic, RFC 3551); default 111 for Opus, 100 for telemetry.", valueName: "pt"))
    var payloadType: Int?

    @Option(help: ArgumentHelp("Load test: drive this many concurrent streams (1 to 10000) with pre-encoded Opus frames, each paced at --rate packets per second (default one per frame time) on absolute deadlines and staggered evenly; with --rate max, unpaced.", valueName: "n"))
    var streams: Int?

    @OptionGroup var transportOptions: SendTransportOptions

    @Option(help: ArgumentHelp("Record every RTP packet's sequence number, timestamp, send time and sizes as CSV.", valueName: "file"))
    var trace: String?

    @Flag(help: "With --streams: coalesce equal-size runs of datagrams with UDP GSO (where the kernel supports it) instead of one send each. Off by default: on loopback a GSO sender raised the receiver's loss.")
    var gso = false

    @Flag(name: .customLong("no-gso"), help: ArgumentHelp("With --streams: one send per datagram (the default).", visibility: .hidden))
    var noGSO = false

    @Flag(help: "Send RTCP on the RTP port (RFC 5761) instead of port + 1.")
    var rtcpMux = false

    @Option(help: ArgumentHelp("Print a line with what the receiver reports (RTT, loss, jitter) this often.", valueName: "interval"),
            transform: Interval.argument)
    var interval: Interval?

    @Option(help: ArgumentHelp("Write an SDP (RFC 4566, RFC 7587) describing the stream, for ffmpeg or GStreamer.", valueName: "file"))
    var sdp: String?

    @Option(help: ArgumentHelp("Write the final summary, with what the receiver reported by RTCP (loss, duplicates, jitter, RTT), as JSON: a file, or - for stdout.", valueName: "file"))
    var json: String?

    func validate() throws {
        _ = try destinationAddress()
        try OutputPathCheck.validate([(trace, "--trace"), (sdp, "--sdp"), (transportOptions.events, "--events"), (json, "--json")])
        if let payloadType, !(96...127).contains(payloadType) {
            throw ValidationError("invalid --payload-type '\(payloadType)': expected a dynamic payload type from 96 to 127")
        }
        guard transportOptions.fallbackLoss > 0, transportOptions.fallbackLoss <= 100 else {
            throw ValidationError("invalid --fallback-loss '\(transportOptions.fallbackLoss)': expected a percentage above 0 and at most 100")
        }
        if transportOptions.transport == .tcp, impairment.impair != nil {
            throw ValidationError("--impair drops packets before the socket, which TCP would never do: use `jitterbug lab --impair SPEC -- ...` to impair real TCP")
        }
        if let streams, !(1...10_000).contains(streams) {
            throw ValidationError("invalid --streams '\(streams)': expected 1 to 10000")
        }
        if streams == nil, telemetryOptions.rate == .unpaced {
            throw ValidationError("--rate max (unpaced) goes with --streams N")
        }
        if streams == nil, telemetryOptions.telemetry == nil, let rate = telemetryOptions.rate {
            throw ValidationError("--rate '\(rate)' goes with --streams N (packets per second per stream) or --telemetry (samples per second); audio is sent one packet per --frame")
        }
        if streams != nil, telemetryOptions.telemetry != nil || signal.input != nil {
            throw ValidationError("--streams sends pre-encoded Opus frames: drop --telemetry and --input")
        }
        try srtpOptions.validate()
        try telemetryOptions.validate()
        if telemetryOptions.telemetry != nil, signal.tone != nil || signal.sweep != nil || signal.noise || signal.silence {
            throw ValidationError("--telemetry sends sensor data: drop --tone, --sweep, --noise and --silence")
        }
        try signal.validate()
        try encoding.validate()
        try impairment.validate()
    }

    func run() async throws {
        let destinationText = try destinationAddress()
        let destination = try destinationText.resolve()
        var random = SystemRandom()
        if let streams {
            let configuration = LoadSender.Configuration(
                streams: streams, encoder: try encoding.encoderConfiguration(inputFormat: encoding.format),
                payloadType: UInt8(payloadType ?? 111), duration: duration?.duration ?? .seconds(10),
                unpaced: telemetryOptions.rate == .unpaced, rate: telemetryOptions.rate?.packetRate)
            let summary = try await LoadSender(configuration: configuration).run(
                to: destination, segmentationOffload: gso && !noGSO, random: &random)
            let rate = summary.durationSeconds > 0 ? Double(summary.packets) / summary.durationSeconds : 0
            return print("jitterbug send to \(destinationText): \(streams) streams, \(summary.packets) packets, \(summary.bytes) bytes in "
                + "\(summary.durationSeconds.formatted(decimals: 2)) s (\(rate.formatted(decimals: 0)) packets/s)"
                + (summary.streamList.map { "\n" + $0 } ?? ""))
        }
        let stop = StopRequest()
        if telemetryOptions.telemetry != nil {
            let (sender, telemetry) = try telemetryOptions.makeSender(
                payloadType: UInt8(payloadType ?? 100), duration: duration?.duration, input: signal.input)
            var source: any TelemetrySource = StoppableTelemetrySource(telemetry, stop: stop)
            try await stream(
                to: destination, destinationText: destinationText, stop: stop,
                rtpClockRateHertz: sender.configuration.packetizer.clockRateHz
            ) { network, configuration, onEvent in
                try await SenderRunner.run(
                    network: network, clock: ContinuousClock(), configuration: configuration, onEvent: onEvent
                ) { clock, onPacket, transmit in
                    try await sender.run(source: &source, clock: clock, random: &random, onPacket: onPacket, transmit: transmit)
                }
            }
            return
        }
        let audio = try signal.makeSource(format: encoding.format, defaultDuration: duration == nil ? .seconds(10) : nil)
        var source = StoppableAudioSource(audio, stop: stop)
        let sender = AudioSender(
            configuration: AudioSenderConfiguration(
                encoder: try encoding.encoderConfiguration(inputFormat: source.format),
                payloadType: UInt8(payloadType ?? 111), duration: duration?.duration))
        if let sdp {
            try writeSDP(to: sdp, destinationText: destinationText, destination: destination, configuration: sender.configuration)
        }
        try await stream(to: destination, destinationText: destinationText, stop: stop) { network, configuration, onEvent in
            try await SenderRunner.run(
                network: network, clock: ContinuousClock(), configuration: configuration, onEvent: onEvent
            ) { clock, onPacket, transmit in
                try await sender.run(source: &source, clock: clock, random: &random, onPacket: onPacket, transmit: transmit)
            }
        }
    }
}
