import ArgumentParser
import Synchronization
import Impairment
import Pipelines
import Transport
import WebView
import JitterbugSupport

/// `jitterbug impair`: a UDP relay that impairs the packets passing between a sender and a receiver.
struct ImpairCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impair",
        abstract: "Relay UDP (RTP and RTCP) between any sender and receiver, dropping, delaying and duplicating packets.",
        discussion: """
            Senders send to --listen; the relay forwards to --forward through the spec's
            "up" direction, and relays replies (RTCP receiver reports) back through
            "down". RTCP uses port + 1 on both sides unless --rtcp-mux. No privileges
            needed.
            Examples:
              jitterbug impair --listen 6000 --forward 127.0.0.1:5004 \\
                  --impair loss=5%,seed=1
              jitterbug impair --listen 6000 --forward 127.0.0.1:5004 \\
                  --impair "loss=ge:5%/3,delay=40ms,jitter=10ms" --impair-log truth.jsonl
              # watch the relay's counts at http://127.0.0.1:8081/
              jitterbug impair --listen 6000 --forward 127.0.0.1:5004 \\
                  --impair loss=5% --web 8081
              ffmpeg -re -f lavfi -i sine=frequency=1000:duration=10 -c:a libopus -f rtp \\
                  rtp://127.0.0.1:6000
            Spec terms: loss=P% | loss=ge:P%/BURST | loss=ge:p=P%/r=P%[/bad=P%][/good=P%],
            delay=T, jitter=T, dist=normal|uniform|pareto, inorder, reorder=P%,
            duplicate=P%, corrupt=P%, rate=Nkbit|Nmbit, limit=N, blackhole=START+LENGTH,
            at=T:TERM, up:TERM, down:TERM, seed=N.
            """
    )

    @Option(help: ArgumentHelp("Address senders send to: PORT, HOST:PORT or [IPV6]:PORT.", valueName: "[host:]port"))
    var listen: AddressArgument

    @Option(help: ArgumentHelp("The receiver's address.", valueName: "host:port"))
    var forward: AddressArgument

    @OptionGroup var impairment: ImpairOptions
    @OptionGroup var webOptions: WebOptions

    @Flag(help: "RTP and RTCP share one port (RFC 5761) instead of RTCP on port + 1.")
    var rtcpMux = false

    @Option(help: ArgumentHelp("Stop after this long (default: until Ctrl-C).", valueName: "interval"),
            transform: Interval.durationArgument)
    var duration: Interval?

    func validate() throws {
        _ = try listen.parse(allowBarePort: true, rtcpOnNextPort: !rtcpMux)
        _ = try forward.parse(allowBarePort: false, destination: true, rtcpOnNextPort: !rtcpMux)
        guard impairment.impair != nil else { throw ValidationError("Missing expected argument '--impair <spec>'") }
    }

    func run() async throws {
        let configuration = ImpairmentRelay.Configuration(
            listen: try listen.parse(allowBarePort: true).resolve(),
            forward: try forward.parse(allowBarePort: false).resolve(),
            rtcpMux: rtcpMux, spec: impairment.impair ?? ImpairmentSpec())
        let file = try impairment.impairLog.map { try LineFile(path: $0) }
        defer { file?.close() }
        var log: (@Sendable (String) -> Void)?
        if let file { log = { line in file.write(line) } }
        let limit = duration?.duration
        let links = ImpairmentRelayLinks()
        let web = try await webOptions.start(command: "impair", intervalSeconds: 1, report: { Console.out($0) })
        defer { web?.close() }
        let started = ContinuousClock.now
        // The relay's counts once a second for the web view.
        let publisher = web?.publishRelayCountsEverySecond(since: started) { links.relayCounts }
        // Phases and blackholes on the links' clock, which starts as the relay comes up.
        let phases = Mutex<Task<Void, Never>?>(nil)
        defer { phases.withLock { $0?.cancel() } }
        let summary = try await CancelOnInterrupt.run { [log] in
            try await ImpairmentRelay.run(configuration, duration: limit, log: log, links: links) { address in
                if let web { phases.withLock { $0 = web.publishPhases(configuration.spec.webMarkers, origin: .now) } }
                Console.out("jitterbug impair: relaying \(address.endpointDescription) → \(configuration.forward.endpointDescription) with \(configuration.spec)")
            }
        }
        publisher?.cancel()
        if let web {
            web.server.publish(relay: links.relayCounts, atSeconds: (ContinuousClock.now - started).seconds)
            await web.finish()
        }
        for (direction, paths) in [("up", summary.up), ("down", summary.down)] {
            for (path, c) in paths.sorted(by: { $0.key < $1.key }) {
                Console.out("\(direction) \(path): \(c.submitted) in, \(c.delivered) out, \(c.dropped) dropped, \(c.duplicated) duplicated, \(c.corrupted) corrupted")
            }
        }
    }
}
