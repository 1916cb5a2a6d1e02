import Foundation
import Reports
import ArgumentParser
import Media
import Pipelines
import Telemetry
import Transport
import MetricsExport
import WebView

/// `jitterbug recv`: receive an Opus RTP stream, play it out through the jitter buffer into a WAV.
struct RecvCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recv",
        abstract: "Receive an Opus RTP stream over UDP, report loss and jitter, write what was heard.",
        discussion: """
            Examples:
              jitterbug recv --listen 5004 --output heard.wav --until-idle 2s
              jitterbug recv --listen [::1]:5004 --duration 30s --json summary.json
              jitterbug recv --listen 0.0.0.0:5004 --payload-type 100=opus
              jitterbug recv --listen 5004 --output - | aplay
              # one WAV per SSRC
              jitterbug recv --listen 5004 --output streams/ --max-streams 500
              # statistics only
              jitterbug recv --listen 5004 --no-decode --max-streams 5000 --json -
              # record what arrived, for Wireshark or a later analysis
              jitterbug recv --listen 5004 --capture run.pcap --until-idle 2s
              jitterbug recv --listen 5004 --until-idle 2s --html run.html
              # watch it live in a browser at http://127.0.0.1:8080/
              jitterbug recv --listen 5004 --web 8080
              ffmpeg -re -f lavfi -i sine=frequency=1000:duration=3 -c:a libopus -f rtp \\
                  rtp://127.0.0.1:5004
            Without --duration or --until-idle it runs until Ctrl-C, then prints its
            summary.
            """
    )

    @Option(help: ArgumentHelp("Address to listen on: PORT (IPv6 and IPv4, on [::]), HOST:PORT (0.0.0.0:PORT for IPv4 only) or [IPV6]:PORT.", valueName: "[host:]port"))
    var listen: AddressArgument

    @Option(help: ArgumentHelp("Write the decoded audio as WAV: a file or - for stdout (the first stream), or a directory DIR/ for one file per stream named by SSRC.", valueName: "file"))
    var output: String?

    @Flag(help: "Measure only: play frames out through the jitter buffer and count them, but do not decode audio (no --output). For probes and receivers serving many streams.")
    var noDecode = false

    @Option(help: ArgumentHelp("Streams (source + SSRC) received at once, 1 to 100000; packets of further streams are counted and dropped. The summary lists the last max(1000, n) streams that ended.", valueName: "n"))
    var maxStreams: Int = 64

    @Option(help: ArgumentHelp("A stream with no packet for this long ends.", valueName: "interval"), transform: Interval.argument)
    var streamIdle: Interval = Interval(.seconds(10))

    @Option(help: ArgumentHelp("Stop after this long.", valueName: "interval"), transform: Interval.durationArgument)
    var duration: Interval?

    @Option(help: ArgumentHelp("Stop when no packet has arrived for this long (after the first).", valueName: "interval"),
            transform: Interval.argument)
    var untilIdle: Interval?

    @Option(help: ArgumentHelp("PT: accept only this RTP payload type (default: any dynamic type 96-127). PT=opus or PT=telemetry: decode that type as that media (default: decided from each stream's payload, never from the number). Repeatable.", valueName: "pt[=media]"),
            transform: PayloadTypeArgument.argument)
    var payloadType: [PayloadTypeArgument] = []

    @Option(help: ArgumentHelp("Output sample rate: 8000, 12000, 16000, 24000 or 48000 Hz.", valueName: "hz"))
    var sampleRate: Int = 48_000

    @Option(help: ArgumentHelp("Output channels, 1 or 2 (default: as the stream was encoded).", valueName: "n"))
    var channels: Int?

    @Option(help: ArgumentHelp("Print an interval line this often (0s for none).", valueName: "interval"),
            transform: Interval.argument)
    var interval: Interval = Interval(.seconds(1))

    @Option(help: ArgumentHelp("Write the final summary as JSON: a file, or - for stdout.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Write the final summary as a self-contained HTML report (tables, every JSON figure, command and versions): a file, or - for stdout.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write one JSON object per interval as the run goes: a file, or - for stdout.", valueName: "file"))
    var jsonl: String?

    @Option(help: ArgumentHelp("Write one CSV row per interval as the run goes: a file, or - for stdout.", valueName: "file"))
    var csv: String?

    @OptionGroup var metricsOptions: MetricsOptions
    @OptionGroup var webOptions: WebOptions

    @Option(help: ArgumentHelp("Write interval records and figures as JSON lines into this FIFO, for another process's live view (lab --web adds it to its receiver).", valueName: "fifo", visibility: .hidden))
    var webFeed: String?

    @Option(help: ArgumentHelp("Accept packets only from these sources, e.g. 192.0.2.0/24,2001:db8::/32; others are counted and dropped.", valueName: "cidr[,cidr]"),
            transform: AddressRange.list)
    var allowFrom: [AddressRange]?

    @Flag(help: "Latch to the first valid (with SRTP: authenticated) stream; RTP from other addresses is dropped. The same SSRC from a new address takes over after 2 s of silence (NAT rebinding).")
    var latch = false

    @Flag(name: .customLong("no-tcp"), help: "Do not also listen for RTP over TCP (RFC 4571) on the same port.")
    var noTCP = false

    @Flag(help: "Ask the kernel for UDP receive offload (GRO, where supported): a GSO sender's datagrams arrive in aggregates. Off by default: on loopback it raised paced multi-stream loss, and kernel drops are then counted per aggregate (socket_drops becomes a lower bound).")
    var gro = false

    @Flag(name: .customLong("no-gro"), help: ArgumentHelp("Read every datagram on its own (the default).", visibility: .hidden))
    var noGRO = false

    @Option(help: ArgumentHelp("Receiver shards, 1 to 64, or auto (one per active processor): each owns the streams that hash to it (source host + SSRC), with its own playout and decode task. Default auto; 1 is the single-core receiver of before. --latch and --trace use one.", valueName: "n|auto"))
    var shards: String = "auto"

    @Flag(help: "RTP and RTCP share the listen port (RFC 5761) instead of RTCP on port + 1.")
    var rtcpMux = false

    @Option(help: ArgumentHelp("Write received telemetry (samples and gap records) to a file, or - for stdout.", valueName: "file"))
    var telemetryOut: String?

    @Option(help: ArgumentHelp("Telemetry output format: jsonl or csv.", valueName: "format"))
    var format: TelemetryOutputFormat = .jsonl

    @Option(help: ArgumentHelp("Telemetry that misses its deadline: deliver (flagged late) or drop.", valueName: "policy"))
    var late: LatePolicy = .deliver

    @Option(help: ArgumentHelp("Record every UDP datagram and TCP frame received, as it arrived (SRTP still protected), with its arrival time, to a pcap file for Wireshark, tshark or jitterbug analyze. Not - (stdout).", valueName: "file.pcap"))
    var capture: String?

    @Option(help: ArgumentHelp("Record every packet's sequence number, RTP timestamp, arrival and send time as CSV (for Tools/jitter-eval).", valueName: "file"))
    var trace: String?

    @OptionGroup var jitter: JitterOptions
    @OptionGroup var srtpOptions: SRTPOptions

    func validate() throws {
        try OutputPathCheck.validate([
            (output, "--output"), (json, "--json"), (jsonl, "--jsonl"), (csv, "--csv"), (telemetryOut, "--telemetry-out"),
            (trace, "--trace"), (capture, "--capture"), (html, "--html"),
        ])
        if capture == "-" {
            throw ValidationError("--capture cannot write to stdout (-): give a file name, e.g. --capture run.pcap")
        }
        _ = try listen.parse(allowBarePort: true, rtcpOnNextPort: !rtcpMux)
        try srtpOptions.validate()
        do {
            _ = try PayloadTypeArgument.settings(payloadType)
        } catch {
            throw ValidationError("\(error)")
        }
        guard AudioFormat.opusSampleRates.contains(sampleRate) else {
            throw ValidationError("invalid --sample-rate '\(sampleRate)': expected 8000, 12000, 16000, 24000 or 48000")
        }
        if let channels, !(1...2).contains(channels) {
            throw ValidationError("invalid --channels '\(channels)': expected 1 or 2")
        }
        _ = try Self.shardCount(shards)
        guard (1...100_000).contains(maxStreams) else {
            throw ValidationError("invalid --max-streams '\(maxStreams)': expected 1 to 100000")
        }
        if noDecode, output != nil {
            throw ValidationError("--no-decode makes no audio: drop --output, or drop --no-decode to write WAV")
        }
        if webOptions.web != nil, interval.duration <= .zero {
            throw ValidationError("--web shows one point per interval: drop --interval 0s (or give e.g. --interval 1s)")
        }
        let stdoutUsers = [("--output", output), ("--telemetry-out", telemetryOut), ("--json", json), ("--jsonl", jsonl), ("--csv", csv), ("--html", html)].filter { $0.1 == "-" }
        if stdoutUsers.count > 1 {
            throw ValidationError("\(stdoutUsers.map(\.0).joined(separator: " and ")) all want stdout (-): send all but one to files")
        }
    }

    func run() async throws {
        let payloadTypes = try PayloadTypeArgument.settings(payloadType)
        var receiver = AudioReceiverConfiguration(
            payloadType: payloadTypes.accept, outputSampleRate: sampleRate, outputChannels: channels,
            jitterBuffer: jitter.configuration, maxStreams: maxStreams)
        receiver.streamIdleTimeout = streamIdle.duration
        receiver.mediaKinds = payloadTypes.kinds
        receiver.srtp = try srtpOptions.session(role: .receiver)
        receiver.allowFrom = allowFrom ?? []
        receiver.latch = latch
        receiver.decodeAudio = !noDecode
        // --json lists every stream of a run with up to --max-streams streams, however many
        // ended (beyond that the oldest ended ones go, and the list says how many).
        receiver.endedSummariesKept = max(receiver.endedSummariesKept, maxStreams)
        receiver.telemetryDeliverLate = late == .deliver
        let listening = try listen.parse(allowBarePort: true).resolveListening()
        if let notice = listening.notice { Console.error("jitterbug recv: \(notice)") }
        var configuration = ReceiverPipelineConfiguration(
            listen: listening.address, receiver: receiver,
            stop: ReceiverStopCondition(duration: duration?.duration, idle: untilIdle?.duration))
        configuration.rtcpMux = rtcpMux
        configuration.tcp = !noTCP
        configuration.receiveOffload = gro && !noGRO
        configuration.shards = try Self.shardCount(shards)
        configuration.interval = interval.duration > .zero ? interval.duration : nil
        configuration.audioOutput = output
        configuration.telemetryOutput = telemetryOut
        configuration.telemetryFormat = format
        configuration.packetTrace = trace
        configuration.captureOutput = capture
        configuration.intervalJSONL = jsonl
        configuration.intervalCSV = csv
        // When the audio goes to stdout, everything for people goes to stderr.
        let toStderr = [output, json, jsonl, csv, telemetryOut, html].contains("-")
        let report: @Sendable (String) -> Void = { toStderr ? Console.error($0) : Console.out($0) }
        let metrics = try metricsOptions.start(report: report)
        defer { metrics?.server.cancel() }
        // The web view serves /metrics too: from --metrics' registry, or its own.
        let exporter = metrics?.exporter ?? (webOptions.web == nil ? nil : ReceiverMetrics(streamLabelLimit: metricsOptions.metricsStreamLimit))
        let web = try await webOptions.start(
            command: "recv", intervalSeconds: interval.duration.seconds, streamIdleSeconds: streamIdle.duration.seconds,
            metrics: exporter?.text, report: report)
        defer { web?.close() }
        let feed: WebFeedWriter?
        do {
            feed = try webFeed.map { try WebFeedWriter(path: $0) }
        } catch {
            throw RuntimeError("jitterbug recv: \(error)")
        }
        defer { feed?.finish() }
        // --html charts the interval records (kept in memory, bounded).
        let kept = html == nil || configuration.interval == nil ? nil : IntervalRecordLog()
        if web != nil || kept != nil || feed != nil {
            configuration.onInterval = { record in
                web?.server.publish(interval: record)
                feed?.publish(interval: record)
                kept?.append(record)
            }
        }
        if exporter != nil || web != nil || feed != nil {
            configuration.onSummary = { summary in
                exporter?.update(from: summary)
                web?.server.publish(summary: summary)
                feed?.publish(summary: summary)
            }
        }
        var summary = try await ReceiverPipeline.run(configuration, report: report) { try await CancelOnInterrupt.run($0) }
        await web?.finish()
        summary.peakRSSKiB = PeakRSS.kibibytes()
        if let list = summary.streamList { report(list) }
        report(summary.table)
        if let json { try TextFile.write(try JSONOutput.encode(summary), to: json) }
        if let html { try HTMLReportFile.write(try htmlReport(summary, intervals: kept), to: html) }
        if let dropped = summary.captureDropped, dropped > 0, let capture {
            Console.error("jitterbug recv: warning: \(dropped) received packets are missing from \(capture) (the capture writer fell behind or failed\(summary.captureError.map { ": \($0)" } ?? ""))")
        }
    }
}

extension RecvCommand {
    /// `--shards`: 1...64, or `auto` for the active processor count (at most 64).
    static func shardCount(_ text: String) throws -> Int {
        if text == "auto" {
            return min(max(ProcessInfo.processInfo.activeProcessorCount, 1), ReceiverRunOptions.maxShards)
        }
        guard let count = Int(text), (1...ReceiverRunOptions.maxShards).contains(count) else {
            throw ValidationError("invalid --shards '\(text)': expected 1 to \(ReceiverRunOptions.maxShards) or auto")
        }
        return count
    }
}
