import Lab
#if os(Linux)
import ArgumentParser
import Foundation
import Impairment
import Transport
import JitterbugSupport
import WebView

/// `jitterbug lab`: two network namespaces joined through the impairment engine, so real kernel
/// TCP and UDP meet the same seeded loss and delay; runs a receiver and a sender command in them.
struct LabCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Run a receiver and a sender in two network namespaces joined through an impaired link (needs root).",
        discussion: """
            The lab creates namespaces "sender" (192.0.2.1) and "receiver" (192.0.2.2)
            joined by TUN devices whose packets pass through the impairment engine in this
            process ("up" is sender → receiver), so kernel TCP retransmits and
            head-of-line blocks just as UDP loses packets. After --, give the receiver
            command, then ::, then the sender command. A command that starts with a
            jitterbug subcommand runs this jitterbug; {receiver} and {sender} are replaced
            by the addresses. Everything is removed on exit and on Ctrl-C; a lab left by a
            killed run is removed by the next one.
            Examples:
              jitterbug lab --impair loss=5%,seed=1 \\
                  -- recv --listen 5004 --until-idle 2s \\
                  :: send --to {receiver}:5004 --duration 5s
              jitterbug lab --impair "delay=20ms,loss=2%" \\
                  -- python3 -m http.server 8000 \\
                  :: curl -o /dev/null http://{receiver}:8000/
              # watch the link's counts at http://127.0.0.1:8082/
              jitterbug lab --impair loss=5% --web 8082 \\
                  -- recv --listen 5004 --until-idle 2s \\
                  :: send --to {receiver}:5004 --duration 30s
            Needs CAP_NET_ADMIN and CAP_SYS_ADMIN (root) and /dev/net/tun.
            """
    )

    @OptionGroup var impairment: ImpairOptions
    @OptionGroup var webOptions: WebOptions

    @Option(help: ArgumentHelp("Give up on the commands after this long.", valueName: "interval"), transform: Interval.argument)
    var timeout: Interval = Interval(.seconds(120))

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("-- RECEIVER-COMMAND... :: SENDER-COMMAND...", valueName: "commands"))
    var commands: [String] = []

    func validate() throws {
        // The commands are captured verbatim, so `lab --help` arrives here as a command word.
        if let first = commands.first, ["-h", "--help", "help"].contains(first) { throw CleanExit.helpRequest(self) }
        let (receiver, sender) = Self.split(commands)
        guard !receiver.isEmpty, !sender.isEmpty else {
            throw ValidationError("expected -- RECEIVER-COMMAND... :: SENDER-COMMAND..., e.g. -- recv --listen 5004 :: send --to {receiver}:5004")
        }
    }

    /// Splits `-- a b :: c d` into the receiver's and the sender's command.
    static func split(_ words: [String]) -> ([String], [String]) {
        let body = words.first == "--" ? Array(words.dropFirst()) : words
        guard let separator = body.firstIndex(of: "::") else { return (body, []) }
        return (Array(body[..<separator]), Array(body[(separator + 1)...]))
    }

    static let jitterbugSubcommands: Set<String> = ["send", "recv", "impair", "demo"]

    /// Resolves a command line: jitterbug subcommands run this executable; address tokens filled in.
    static func resolve(_ words: [String]) -> [String] {
        let filled = words.map {
            $0.replacingOccurrences(of: "{receiver}", with: ImpairmentLab.receiverAddress)
                .replacingOccurrences(of: "{sender}", with: ImpairmentLab.senderAddress)
        }
        guard let first = filled.first, jitterbugSubcommands.contains(first) else { return filled }
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        let executable = FileManager.default.isExecutableFile(atPath: me) ? me : "/proc/self/exe"
        return [executable] + filled
    }

    func run() async throws {
        let spec = impairment.impair ?? ImpairmentSpec()
        let (receiverWords, senderWords) = Self.split(commands)
        var options = ImpairmentLab.Options()
        options.groundTruthPathPrefix = impairment.impairLog
        let lab: ImpairmentLab
        do {
            lab = try ImpairmentLab.start(spec: spec, options: options)
        } catch {
            throw RuntimeError("jitterbug lab: \(error)")
        }
        defer { _ = lab.shutdown() }
        Console.out("jitterbug lab: sender \(ImpairmentLab.senderAddress) (netns \(lab.senderNamespace)) ⇄ receiver \(ImpairmentLab.receiverAddress) (netns \(lab.receiverNamespace)), link: \(spec.isEmpty ? "no impairment" : "\(spec)")")
        // The web view (on this host, outside the namespaces) shows the link's counts each second.
        let web = try await webOptions.start(command: "lab", intervalSeconds: 1, report: { Console.out($0) })
        defer { web?.close() }
        // The view's clock is the link's: its phases and blackholes begin at their spec times.
        let started = lab.origin
        let publisher = web?.publishRelayCountsEverySecond(since: started) { lab.relayCounts }
        defer { publisher?.cancel() }
        let phases = web?.publishPhases(spec.webMarkers, origin: started)
        defer { phases?.cancel() }
        // A jitterbug receiver's streams join the page through a FIFO (the file system is shared
        // across namespaces), their times moved onto the link's clock.
        let feed = try web.flatMap { try Self.startFeed(receiverWords, into: $0, origin: started) }
        defer {
            feed?.reader.finish(waitingAtMost: 0)
            if let feed { try? FileManager.default.removeItem(atPath: feed.directory) }
        }
        let receiverCommand = feed.map { receiverWords + ["--web-feed", $0.reader.path] } ?? receiverWords
        let retransmitsBefore = (try? await lab.tcpRetransmittedSegments(.sender)) ?? 0
        let receiver = try lab.spawn(.receiver, Self.resolve(receiverCommand), output: .inherit)
        try await Task.sleep(for: .milliseconds(500))
        let sender = try lab.spawn(.sender, Self.resolve(senderWords), output: .inherit)
        let sent = await sender.wait(timeout: timeout.duration)
        let received = await receiver.wait(timeout: .seconds(10))
        if received.timedOut { receiver.terminate() }
        let retransmits = ((try? await lab.tcpRetransmittedSegments(.sender)) ?? 0) - retransmitsBefore
        for direction in [ImpairmentDirection.up, .down] {
            let c = lab.counters(direction)
            let detail = c.byProtocol.sorted { $0.key < $1.key }.map { proto, tally in
                "\(Self.protocolName(proto)) \(tally.packets) packets, \(tally.dropped) dropped"
            }.joined(separator: "; ")
            Console.out("link \(direction == .up ? "up (sender → receiver)" : "down (receiver → sender)"): \(c.packetsRead) packets, \(c.packetsDropped) dropped\(detail.isEmpty ? "" : " — \(detail)")")
        }
        Console.out("kernel TCP retransmitted segments in the sender namespace: \(retransmits)")
        publisher?.cancel()
        feed?.reader.finish()
        if let web {
            web.server.publish(relay: lab.relayCounts, atSeconds: (ContinuousClock.now - started).seconds)
            await web.finish()
        }
        guard sent.succeeded, received.succeeded || received.timedOut else {
            throw RuntimeError("jitterbug lab: sender exit \(sent.status), receiver exit \(received.status)")
        }
    }

    /// With `--web` and a `recv` receiver that has no feed of its own: a FIFO in a new
    /// temporary directory that the receiver writes its figures to, read into the lab's view.
    static func startFeed(
        _ receiverWords: [String], into web: WebOptions.LiveView, origin: ContinuousClock.Instant
    ) throws -> (reader: WebFeedReader, directory: String)? {
        guard receiverWords.first == "recv", !receiverWords.contains("--web-feed") else { return nil }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jitterbug-lab-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
            let reader = try WebFeedReader(path: directory + "/feed")
            let originUnixSeconds = Date().timeIntervalSince1970 - (ContinuousClock.now - origin).seconds
            reader.start(
                originUnixSeconds: originUnixSeconds, interval: { web.server.publish(interval: $0) },
                summary: { web.server.publish(summary: $0) })
            return (reader, directory)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw RuntimeError("jitterbug lab: --web: \(error)")
        }
    }

    static func protocolName(_ number: UInt8) -> String {
        switch number {
        case 6: "tcp"
        case 17: "udp"
        case 1: "icmp"
        default: "ip proto \(number)"
        }
    }
}
#endif
