import Lab
import Opus
import Reports
import Telemetry
import ArgumentParser
import MetricsExport
import Foundation
import Media
import Pipelines
import Transport

/// `jitterbug recv`: receive an Opus RTP stream, play it out through the jitter buffer into a WAV.
struct RecvCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recv",
        abstract: "Receive an Opus RTP stream over UDP, report loss and jitter, write what was heard.",
        discussion: """
            Examples:
              jitterbug recv --listen 5004 --output heard.wav --until-idle 2s
              jitterbug recv --listen [::1]:5004 --duration 30s --json summary.json
              jitterbug recv --listen 5004 --output - | aplay
              jitterbug recv --listen 5004 --output streams/ --max-streams 500   (one WAV per SSRC)
              jitterbug recv --listen 5004 --no-decode --max-streams 5000 --json -  (statistics only)
              ffmpeg -re -f lavfi -i sine=frequency=1000:duration=3 -c:a libopus -f rtp rtp://127.0.0.1:5004
            Without --duration or --until-idle it runs until Ctrl-C, then prints its summary.
            """
    )

    @Option(help: ArgumentHelp("Address to listen on: PORT, HOST:PORT or [IPV6]:PORT.", valueName: "[host:]port"))
    var listen: AddressArgument

    @Option(help: ArgumentHelp("Write the decoded audio as WAV: a file or - for stdout (the first stream), or a directory DIR/ for one file per stream named by SSRC.", valueName: "file"))
    var output: String?

    @Flag(help: "Measure only: play frames out through the jitter buffer and count them, but do not decode audio (no --output). For probes and receivers serving many streams.")
    var noDecode = false

    @Option(help: ArgumentHelp("Streams (source + SSRC) received at once, 1 to 100000; packets of further streams are counted and dropped.", valueName: "n"))
    var maxStreams: Int = 64

    @Option(help: ArgumentHelp("A stream with no packet for this long ends.", valueName: "interval"), transform: Interval.argument)
    var streamIdle: Interval = Interval(.seconds(10))

    @Option(help: ArgumentHelp("Stop after this long.", valueName: "interval"), transform: Interval.argument)
    var duration: Interval?

    @Option(help: ArgumentHelp("Stop when no packet has arrived for this long (after the first).", valueName: "interval"),
            transform: Interval.argument)
    var untilIdle: Interval?

    @Option(help: ArgumentHelp("Accept only this RTP payload type (default: any dynamic type 96-127).", valueName: "pt"))
    var payloadType: Int?

    @Option(help: ArgumentHelp("Output sample rate: 8000, 12000, 16000, 24000 or 48000 Hz.", valueName: "hz"))
    var sampleRate: Int = 48_000

    @Option(help: ArgumentHelp("Output channels, 1 or 2 (default: as the stream was encoded).", valueName: "n"))
    var channels: Int?

    @Option(help: ArgumentHelp("Print an interval line this often (0s for none).", valueName: "interval"),
            transform: Interval.argument)
    var interval: Interval = Interval(.seconds(1))

    @Option(help: ArgumentHelp("Write the final summary as JSON: a file, or - for stdout.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Write one JSON object per interval as the run goes: a file, or - for stdout.", valueName: "file"))
    var jsonl: String?

    @Option(help: ArgumentHelp("Write one CSV row per interval as the run goes: a file, or - for stdout.", valueName: "file"))
    var csv: String?

    @Option(help: ArgumentHelp("Serve Prometheus metrics at http://HOST:PORT/metrics while receiving.", valueName: "host:port"))
    var metrics: AddressArgument?

    @Option(help: ArgumentHelp("With --metrics: most streams given their own source/ssrc-labelled series (0 to 10000); later ones are only counted in jitterbug_streams_unlabelled.", valueName: "n"))
    var metricsStreamLimit: Int = ReceiverMetrics.defaultStreamLabelLimit

    @Option(help: ArgumentHelp("Accept packets only from these sources, e.g. 192.0.2.0/24,2001:db8::/32; others are counted and dropped.", valueName: "cidr[,cidr]"))
    var allowFrom: String?

    @Flag(help: "Latch to the first valid (with SRTP: authenticated) stream; RTP from other addresses is dropped. The same SSRC from a new address takes over after 2 s of silence (NAT rebinding).")
    var latch = false

    @Flag(name: .customLong("no-tcp"), help: "Do not also listen for RTP over TCP (RFC 4571) on the same port.")
    var noTCP = false

    @Flag(name: .customLong("no-gro"), help: "Do not ask the kernel for UDP receive offload (GRO, where supported); every datagram is then read on its own.")
    var noGRO = false

    @Flag(help: "RTP and RTCP share the listen port (RFC 5761) instead of RTCP on port + 1.")
    var rtcpMux = false

    @Option(help: ArgumentHelp("Write received telemetry (samples and gap records) to a file, or - for stdout.", valueName: "file"))
    var telemetryOut: String?

    @Option(help: ArgumentHelp("Telemetry output format: jsonl or csv.", valueName: "format"))
    var format: String = "jsonl"

    @Option(help: ArgumentHelp("Telemetry that misses its deadline: deliver (flagged late) or drop.", valueName: "policy"))
    var late: String = "deliver"

    @Option(help: ArgumentHelp("Record every packet's sequence number, RTP timestamp, arrival and send time as CSV (for Tools/jitter-eval).", valueName: "file"))
    var trace: String?

    @OptionGroup var jitter: JitterOptions
    @OptionGroup var srtpOptions: SRTPOptions

    func validate() throws {
        _ = try listen.parse(allowBarePort: true)
        _ = try metrics?.parse(allowBarePort: true)
        try srtpOptions.validate()
        _ = try allowedRanges()
        if let payloadType, !(96...127).contains(payloadType) {
            throw ValidationError("invalid --payload-type '\(payloadType)': expected a dynamic payload type from 96 to 127")
        }
        guard AudioFormat.opusSampleRates.contains(sampleRate) else {
            throw ValidationError("invalid --sample-rate '\(sampleRate)': expected 8000, 12000, 16000, 24000 or 48000")
        }
        if let channels, !(1...2).contains(channels) {
            throw ValidationError("invalid --channels '\(channels)': expected 1 or 2")
        }
        guard (0...10_000).contains(metricsStreamLimit) else {
            throw ValidationError("invalid --metrics-stream-limit '\(metricsStreamLimit)': expected 0 to 10000")
        }
        guard (1...100_000).contains(maxStreams) else {
            throw ValidationError("invalid --max-streams '\(maxStreams)': expected 1 to 100000")
        }
        guard TelemetryOutputFormat(rawValue: format) != nil else {
            throw ValidationError("invalid --format '\(format)': expected jsonl or csv")
        }
        guard ["deliver", "drop"].contains(late) else {
            throw ValidationError("invalid --late '\(late)': expected deliver or drop")
        }
        if noDecode, output != nil {
            throw ValidationError("--no-decode makes no audio: drop --output, or drop --no-decode to write WAV")
        }
        let stdoutUsers = [("--output", output), ("--telemetry-out", telemetryOut), ("--json", json), ("--jsonl", jsonl), ("--csv", csv)].filter { $0.1 == "-" }
        if stdoutUsers.count > 1 {
            throw ValidationError("\(stdoutUsers.map(\.0).joined(separator: " and ")) all want stdout (-): send all but one to files")
        }
    }

    func run() async throws {
        let address = try listen.parse(allowBarePort: true)
        var configuration = AudioReceiverConfiguration(
            payloadType: payloadType.map(UInt8.init), outputSampleRate: sampleRate, outputChannels: channels,
            jitterBuffer: jitter.configuration, maxStreams: maxStreams)
        configuration.streamIdleTimeout = streamIdle.duration
        configuration.srtp = try srtpOptions.session(role: .receiver)
        configuration.allowFrom = try allowedRanges()
        configuration.latch = latch
        configuration.decodeAudio = !noDecode
        configuration.telemetryDeliverLate = late == "deliver"
        let telemetryFile = try telemetryOut.map { try TelemetryOutput(path: $0, format: TelemetryOutputFormat(rawValue: format) ?? .jsonl) }
        defer { telemetryFile?.close() }
        if let telemetryFile { configuration.telemetryOutput = { telemetryFile.write($0, $1) } }
        let traceFile = try trace.map { try LineFile(path: $0) }
        defer { traceFile?.close() }
        if let traceFile {
            traceFile.write(PacketTraceRecord.csvHeader)
            configuration.packetTrace = { traceFile.write($0.csvLine) }
        }
        // When the audio goes to stdout, everything for people goes to stderr.
        let receiverConfiguration = configuration
        let toStderr = [output, json, jsonl, csv, telemetryOut].contains("-")
        let machine = try IntervalOutputs(jsonl: jsonl, csv: csv)
        defer { machine.close() }
        let report: @Sendable (String) -> Void = { toStderr ? Console.error($0) : Console.out($0) }
        let exporter = metrics == nil ? nil : ReceiverMetrics(streamLabelLimit: metricsStreamLimit)
        let metricsTask = try startMetricsServer(exporter, report: report)
        defer { metricsTask?.cancel() }
        let intervals = interval.duration > .zero ? interval.duration : nil
        var onSummary: (@Sendable (ReceiverSummary) -> Void)?
        if let exporter { onSummary = { summary in exporter.update(from: summary) } }
        let onInterval: @Sendable (IntervalRecord) -> Void = { record in
            machine.write(record)
            report(IntervalOutputs.line(record))
        }
        let options = ReceiverRunOptions(
            rtcpMux: rtcpMux, interval: intervals, onInterval: onInterval, onSummary: onSummary)
        let sink = WAVSink(path: output)
        let stop = ReceiverStopCondition(duration: duration?.duration, idle: untilIdle?.duration)
        let write: @Sendable (StreamKey, [Int16], AudioFormat) throws -> Void = { try sink.write($0, $1, format: $2) }
        let tcpEnabled = !noTCP
        let listenAddress = try address.resolve()
        // GRO is safe here: the runner splits aggregates back into datagrams.
        let socketOptions = UDPSocketOptions(receiveOffload: !noGRO)
        var summary = try await UDPTransport.withSocket(boundTo: listenAddress, options: socketOptions) { socket in
            let bound = socket.localAddress ?? listenAddress
            var rtcpAddress = bound
            rtcpAddress.port = (bound.port ?? 0) + 1
            let serve: @Sendable (UDPSocket?, TCPMediaListener?) async throws -> ReceiverSummary = { rtcpSocket, tcp in
                var where_ = "\(bound.endpointDescription) (UDP"
                where_ += rtcpSocket.map { ", RTCP on \($0.localAddress?.endpointDescription ?? "port + 1")" } ?? ", RTP and RTCP"
                where_ += tcp != nil ? ", and TCP RFC 4571)" : ")"
                report("jitterbug recv: listening on \(where_)")
                if intervals != nil { report(IntervalOutputs.header) }
                return try await CancelOnInterrupt.run {
                    try await AudioReceiverRunner.run(
                        socket: socket, rtcpSocket: rtcpSocket, tcpListener: tcp, configuration: receiverConfiguration,
                        stop: stop, options: options, write: write)
                }
            }
            let withTCP: @Sendable (UDPSocket?) async throws -> ReceiverSummary = { rtcpSocket in
                guard tcpEnabled else { return try await serve(rtcpSocket, nil) }
                // RTP over TCP (RFC 4571) on the same port number as UDP.
                let started = OnceFlag()
                do {
                    return try await TCPMediaListener.withListener(boundTo: bound) { listener in
                        started.set()
                        return try await serve(rtcpSocket, listener)
                    }
                } catch where !started.isSet {
                    report("jitterbug recv: no TCP listener on \(bound.endpointDescription) (\(error)); UDP only")
                    return try await serve(rtcpSocket, nil)
                }
            }
            if rtcpMux { return try await withTCP(nil) }
            return try await UDPTransport.withSocket(boundTo: rtcpAddress, options: socketOptions) { rtcpSocket in try await withTCP(rtcpSocket) }
        }
        try sink.close()
        summary.peakRSSKiB = PeakRSS.kibibytes()
        report(summary.table)
        if let json {
            try TextFile.write(try JSONOutput.encode(summary), to: json)
        }
    }

    /// Starts the `/metrics` endpoint when `--metrics` was given.
    private func startMetricsServer(_ exporter: ReceiverMetrics?, report: @escaping @Sendable (String) -> Void) throws -> Task<Void, Never>? {
        guard let exporter, let metrics else { return nil }
        let address = try metrics.parse(allowBarePort: true).resolve()
        return Task {
            do {
                try await MetricsServer.run(registry: exporter.registry, address: address) { bound in
                    report("jitterbug recv: Prometheus metrics at http://\(bound.endpointDescription)/metrics")
                }
            } catch {
                report("jitterbug recv: metrics endpoint failed: \(error)")
            }
        }
    }

    /// `--allow-from` parsed; a bad range is a usage error naming it.
    private func allowedRanges() throws -> [AddressRange] {
        guard let allowFrom else { return [] }
        return try allowFrom.split(separator: ",").map { text in
            do { return try AddressRange(parsing: String(text)) } catch { throw ValidationError("\(error)") }
        }
    }
}
