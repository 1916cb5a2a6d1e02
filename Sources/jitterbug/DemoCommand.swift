import Impairment
import JitterbugSupport
import ArgumentParser
import Foundation
import Media
import Pipelines

/// `jitterbug demo`: a sender and a receiver on loopback in one process.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Stream a tone to a receiver on loopback in this process and show what happened.",
        discussion: """
            Needs no second host and no privileges. The receiver writes what it heard to a
            WAV file and the demo checks its frequency. Examples:
              jitterbug demo --tone 440 --duration 5s --output demo.wav
              # watch it live at http://127.0.0.1:8080/ (the stream goes through --impair)
              jitterbug demo --web 127.0.0.1:8080 --duration 60s
            """
    )

    @Option(help: ArgumentHelp("Tone frequency in Hz.", valueName: "hz"))
    var tone: Double = 440

    @Option(help: ArgumentHelp("How long to stream.", valueName: "interval"), transform: Interval.durationArgument)
    var duration: Interval = Interval(.seconds(5))

    @Option(help: ArgumentHelp("Where the receiver writes what it heard.", valueName: "file"))
    var output: String = "jitterbug-demo.wav"

    @OptionGroup var encoding: EncodingOptions

    @Option(help: ArgumentHelp("Impairment for the UDP-versus-TCP comparison that follows the stream.", valueName: "spec"))
    var impair: String = "loss=ge:3%/2,delay=20ms,jitter=5ms,seed=1"

    @Option(help: ArgumentHelp("Where the comparison chart goes.", valueName: "file"))
    var svg: String = "jitterbug-demo.svg"

    @Flag(help: "Only the loopback stream, no UDP-versus-TCP comparison.")
    var noCompare = false

    @OptionGroup var webOptions: WebOptions

    func validate() throws {
        try OutputPathCheck.validate([(output, "--output"), (noCompare && !svg.isEmpty ? nil : svg, "--svg")])
        guard tone > 0 && tone < 24_000 else {
            throw ValidationError("invalid --tone '\(tone)': expected a frequency in Hz above 0 and below 24000")
        }
        guard duration.duration > .zero && duration.duration <= .seconds(600) else {
            throw ValidationError("invalid --duration '\(duration)': expected more than 0s and at most 10m")
        }
        try encoding.validate()
        do { _ = try ImpairmentSpec.argument(impair) } catch { throw ValidationError("invalid --impair: \(error)") }
    }

    func run() async throws {
        let format = encoding.format
        let encoder = try encoding.encoderConfiguration(inputFormat: format)
        let sink = WAVSink(path: output)
        Console.out("jitterbug demo: streaming a \(Int(tone)) Hz tone for \(duration) over RTP/UDP on loopback")
        var random = SystemRandom()
        let web = try await webOptions.start(command: "demo", intervalSeconds: 1, report: { Console.out($0) })
        defer { web?.close() }
        var live: LoopbackDemoLiveOptions?
        if let web {
            // With a live view the stream itself goes through --impair, so the charts show something.
            Console.out("  the loopback stream goes through \(impair) for the live view")
            live = LoopbackDemoLiveOptions(
                interval: .seconds(1), impairment: try ImpairmentSpec.argument(impair),
                onInterval: { web.server.publish(interval: $0) }, onSummary: { web.server.publish(summary: $0) })
        }
        // The receiver's clock (the view's t_s) and the sender's impairment both start within
        // milliseconds of here: the phases are drawn on that clock.
        let phases = web?.publishPhases(live?.impairment?.webMarkers ?? [], origin: ContinuousClock.now)
        defer { phases?.cancel() }
        let (sent, heard) = try await LoopbackDemo.run(
            toneHz: tone, duration: duration.duration, encoder: encoder, format: format, random: &random, live: live,
            onListening: { Console.out("  receiver listening on \($0)") }
        ) { try sink.write($0, $1, format: $2) }
        await web?.finish()
        try sink.close()
        Console.out("\nsender:   \(sent.summary.line)")
        Console.out("          \(SenderOutput.receiverLine(status: sent.rtcp, packetsSent: sent.summary.packets))")
        Console.out("receiver:\n" + heard.table.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        let reader = try AudioFileReader(path: output)
        let samples = try reader.readAll()
        let measured = SignalAnalysis.dominantFrequency(samples: samples, format: reader.format)
        let seconds = Double(samples.count / max(1, reader.format.channels)) / Double(reader.format.sampleRate)
        Console.out("\nheard:    \(output): \(seconds.formatted(decimals: 2)) s, dominant frequency \(measured.formatted(decimals: 1)) Hz (sent \(tone.formatted(decimals: 1)) Hz)")
        Console.out("""

            The same between two hosts:
              receiver:  jitterbug recv --listen 5004 --output heard.wav --until-idle 2s
              sender:    jitterbug send --to RECEIVER_IP:5004 --tone \(Int(tone)) --duration \(duration)
            Or receive with ffmpeg:  jitterbug send --to RECEIVER_IP:5004 --sdp stream.sdp, then on the receiver
              ffmpeg -protocol_whitelist file,udp,rtp -i stream.sdp heard.wav
            """)
        guard heard.packets > 0, abs(measured - tone) <= 2 else {
            throw RuntimeError("demo failed: the receiver did not hear the tone")
        }
        guard !noCompare else { return }
        Console.out("""

            Now the same stream over UDP and over TCP under \(impair):
            """)
        let compare = try CompareCommand.parse(["--duration", "5s", "--impair", impair, "--svg", svg])
        try await compare.run()
        Console.out("""

            What it means: under loss, UDP delivers every packet that survives on time and the receiver
            conceals the few it lost; TCP recovers every loss, but each retransmission holds back all the
            packets behind it (head-of-line blocking), so its latency tail grows and a real-time player
            must either wait much longer or treat those late packets as lost anyway.
            """)
    }
}
