import JitterbugSupport
import Reports
import ArgumentParser
import Foundation
import Impairment
import Pipelines

/// `jitterbug compare`: the same stream over UDP and over TCP under the same seeded impairment,
/// side by side.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Stream the same audio over UDP and over TCP under the same impairment and compare them side by side.",
        discussion: """
            As root with /dev/net/tun, both runs go through the lab (two network
            namespaces joined by the impairment engine), so kernel TCP really loses
            segments and retransmits them. Otherwise UDP is impaired in the sender and TCP
            runs unimpaired on loopback, and the table says so.
            Examples:
              jitterbug compare --impair "loss=ge:3%/2,delay=20ms,jitter=5ms,seed=1" \\
                  --duration 10s --svg compare.svg
              jitterbug compare --impair loss=2%,delay=20ms --html compare.html
              jitterbug compare --sweep loss=0%,1%,2%,5%,10% --impair delay=20ms \\
                  --csv sweep.csv
              jitterbug compare --source telemetry --impair loss=5%,delay=20ms
            """
    )

    @Option(help: ArgumentHelp("How long each path streams.", valueName: "interval"), transform: Interval.durationArgument)
    var duration: Interval = Interval(.seconds(10))

    @Option(help: ArgumentHelp("Impairment for both paths (same seed, same pattern).", valueName: "spec"))
    var impair: String = "loss=ge:3%/2,delay=20ms,jitter=5ms,seed=1"

    @Option(help: ArgumentHelp("Opus frame duration.", valueName: "interval"), transform: Interval.argument)
    var frame: Interval = Interval(.milliseconds(20))

    @Option(help: ArgumentHelp("Opus bit rate.", valueName: "rate"), transform: Bitrate.argument)
    var bitrate: Bitrate = Bitrate(bitsPerSecond: 32_000)

    @Option(help: ArgumentHelp("What to send: tone, a WAV file, or telemetry (IMU frames).", valueName: "source"))
    var source: String = "tone"

    @Option(help: ArgumentHelp("One block per value of a term, e.g. loss=0%,1%,2%,5%,10%.", valueName: "term=v1,v2,..."))
    var sweep: String?

    @Option(help: ArgumentHelp("Playout delay (ms above the fastest packet) for the late/concealed rows; default: the smallest that keeps UDP's late loss ≤ 1%.", valueName: "ms"))
    var delay: Double?

    @Option(help: ArgumentHelp("Write the report as JSON.", valueName: "file")) var json: String?
    @Option(help: ArgumentHelp("Write the report as CSV.", valueName: "file")) var csv: String?
    @Option(help: ArgumentHelp("Write a chart (SVG) to open in a browser.", valueName: "file")) var svg: String?
    @Option(help: ArgumentHelp("Write a self-contained HTML report (table, chart, every JSON figure, command and versions).", valueName: "file")) var html: String?

    @Flag(help: "Do not use the lab even when running as root.")
    var noLab = false

    func validate() throws {
        if html == "-" { throw ValidationError("--html needs a file name: got '-' (stdout carries the progress and the table)") }
        try OutputPathCheck.validate([(json, "--json"), (csv, "--csv"), (svg, "--svg"), (html, "--html")])
        for spec in try specs() {
            do { _ = try ImpairmentSpec.argument(spec.spec) } catch { throw ValidationError("\(error)") }
        }
        guard duration.duration >= .seconds(1), duration.duration <= .seconds(600) else {
            throw ValidationError("invalid --duration '\(duration)': expected 1s to 10m")
        }
    }

    /// The blocks to run: (label, spec). A sweep's term replaces the same key's term in
    /// `--impair` (a spec may set each parameter only once).
    func specs() throws -> [(label: String, spec: String)] {
        guard let sweep else { return [(impair, impair)] }
        let parts = sweep.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, !parts[1].isEmpty else {
            throw ValidationError("invalid --sweep '\(sweep)': expected TERM=V1,V2,... e.g. loss=0%,1%,5%")
        }
        let others = impair.split(separator: ",").filter { !$0.hasPrefix("\(parts[0])=") }
        return parts[1].split(separator: ",").map { value in
            let term = "\(parts[0])=\(value)"
            return (term, (others + [Substring(term)]).joined(separator: ","))
        }
    }

    func run() async throws {
        let useLab = !noLab && CompareRun.labAvailable
        let mode = useLab
            ? "lab: two network namespaces, kernel UDP and TCP through the same seeded impairment"
            : "loopback: UDP impaired in the sender; TCP unimpaired (the lab needs root and /dev/net/tun)"
        Console.out("jitterbug compare: \(mode)")
        var blocks: [ComparisonBlock] = []
        var phases: [[ChartPhase]] = []
        for (label, spec) in try specs() {
            phases.append(try ImpairmentSpec(parsing: spec).chartPhases)
            let runner = CompareRun(
                spec: try ImpairmentSpec(parsing: spec), useLab: useLab, duration: duration.duration,
                frame: frame.duration, senderOptions: senderOptions())
            Console.out("  \(label): UDP for \(duration)…")
            let udp = try await runner.measure(tcp: false)
            Console.out("  \(label): TCP for \(duration)…")
            let tcp = try await runner.measure(tcp: true)
            blocks.append(try ComparisonBlock(label: label, udp: udp, tcp: tcp, playoutDelayMilliseconds: delay))
        }
        let report = ComparisonReport(
            settings: [
                "mode": useLab ? "lab" : "loopback", "impair": impair, "duration": "\(duration)", "frame": "\(frame)",
                "bitrate": "\(bitrate)", "source": source, "sweep": sweep ?? "",
            ], blocks: blocks)
        Console.out("")
        Console.out(report.table)
        if let json { try TextFile.write(String(decoding: try report.jsonData(), as: UTF8.self), to: json) }
        if let csv { try TextFile.write(report.csv, to: csv) }
        if let svg {
            try TextFile.write(ComparisonChart.svg(report, phases: phases), to: svg)
            Console.out("chart: \(svg) (open it in a browser)")
        }
        if let html {
            try HTMLReportFile.write(try HTMLReportFile.build { try report.htmlReport(context: HTMLReportFile.context(), phases: phases) }, to: html)
            Console.out("report: \(html) (open it in a browser)")
        }
    }

    /// Sender arguments shared by both paths.
    func senderOptions() -> [String] {
        var options = ["--frame", "\(frame)", "--bitrate", "\(bitrate.bitsPerSecond)"]
        switch source {
        case "tone": options += ["--tone", "440"]
        case "telemetry":
            let hertz = max(1, Int((1000 / frame.milliseconds).rounded()))
            options = ["--telemetry", "imu", "--rate", "\(hertz)hz", "--samples-per-frame", "1"]
        default: options += ["--input", source]
        }
        return options
    }
}
