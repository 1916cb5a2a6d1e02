import Foundation

/// A 5 s tone from `jitterbug send` through a `jitterbug impair` relay into `jitterbug recv`,
/// with tshark capturing what reached the receiver: the shared setup of the tests that check our
/// counts against tshark's and the relay's ground truth. All on 127.0.0.1, bounded in time; the
/// temporary directory holds every file.
package struct RelayCaptureRun: Sendable {
    /// The pcapng of every datagram to the receiver's RTP port (and, with `captureRTCP`, the
    /// RTCP both ways on the port above it: the sender's SRs and the receiver's RRs).
    package var capture: String
    /// The relay's ground-truth log (`--impair-log`): one JSON line per packet and its fate.
    package var groundTruth: String
    /// The receiver's `--json` summary.
    package var summaryPath: String
    package var receiverPort: Int
    package var sender: CommandResult
    package var relayed: CommandResult

    /// Runs it in `directory` with the relay applying `impair`; `receiverOptions` go to `recv`.
    /// - Throws: when a program does not start or get ready, or the sender or the receiver fails
    ///   (``RelayCaptureRunError``); the relay's exit code is the caller's to check (`relayed`).
    package static func run(
        tshark: String, impair: String, in directory: URL, receiverOptions: [String] = [], captureRTCP: Bool = false
    ) throws -> RelayCaptureRun {
        let capture = directory.appendingPathComponent("rtp.pcapng").path
        let truth = directory.appendingPathComponent("truth.jsonl").path
        let summaryPath = directory.appendingPathComponent("summary.json").path
        let receiverPort = FreePort.udp()
        let relayPort = FreePort.udp()
        let filter = captureRTCP ? "udp dst port \(receiverPort) or udp port \(receiverPort + 1)" : "udp dst port \(receiverPort)"
        let capturing = try TsharkCapture.start(tshark: tshark, filter: filter, to: capture, seconds: 14)
        defer { capturing.interrupt() }
        let receiver = try start(
            ["recv", "--listen", "127.0.0.1:\(receiverPort)", "--until-idle", "1s", "--duration", "15s",
             "--interval", "0s", "--json", summaryPath] + receiverOptions,
            readyLine: "jitterbug recv: listening on")
        let relay = try start(
            ["impair", "--listen", "127.0.0.1:\(relayPort)", "--forward", "127.0.0.1:\(receiverPort)",
             "--impair", impair, "--impair-log", truth, "--duration", "8s"],
            readyLine: "jitterbug impair: relaying")
        let sender = try CommandRunner.run(
            JitterbugBinary.path, ["send", "--to", "127.0.0.1:\(relayPort)", "--tone", "440", "--duration", "5s"],
            timeoutSeconds: 30)
        let received = try receiver.finish(timeoutSeconds: 20)
        let relayed = try relay.finish(timeoutSeconds: 20)
        capturing.interrupt()
        _ = try capturing.finish(timeoutSeconds: 20)
        guard sender.exitCode == 0 else { throw RelayCaptureRunError(program: "send", result: sender) }
        guard received.exitCode == 0 else { throw RelayCaptureRunError(program: "recv", result: received) }
        return RelayCaptureRun(
            capture: capture, groundTruth: truth, summaryPath: summaryPath, receiverPort: receiverPort, sender: sender,
            relayed: relayed)
    }

    private static func start(_ arguments: [String], readyLine: String) throws -> RunningCommand {
        let command = try CommandRunner.start(JitterbugBinary.path, arguments)
        _ = try command.waitForLine(containing: readyLine)
        return command
    }

    /// The relay's own summary line, "up rtp: N in, N out, D dropped, U duplicated".
    /// - Throws: ``RelayCaptureRunError`` when the relay did not print it.
    package func relayCounts() throws -> (received: Int, dropped: Int, duplicated: Int) {
        guard let counts = relayed.stdout.firstMatch(of: /up rtp: (\d+) in, \d+ out, (\d+) dropped, (\d+) duplicated/),
            let received = Int(counts.1), let dropped = Int(counts.2), let duplicated = Int(counts.3)
        else { throw RelayCaptureRunError(program: "impair (no summary line)", result: relayed) }
        return (received, dropped, duplicated)
    }

    /// The relay's ground truth for RTP: packets dropped between the first and the last one
    /// delivered (the span a receiver can see), and packets delivered twice.
    package func truth() throws -> (dropped: Int, duplicated: Int) {
        struct Line: Decodable {
            var index: Int
            var fate: String
            var duplicated: Bool
            var path: String?
        }
        let lines = try String(contentsOfFile: groundTruth, encoding: .utf8).split(separator: "\n").compactMap {
            try? JSONDecoder().decode(Line.self, from: Data($0.utf8))
        }.filter { $0.path == nil || $0.path == "rtp up" }
        let delivered = lines.filter { $0.fate == "delivered" }.map(\.index)
        guard let first = delivered.min(), let last = delivered.max() else { return (0, 0) }
        let dropped = lines.filter { $0.fate == "dropped" && $0.index > first && $0.index < last }.count
        return (dropped, lines.filter { $0.fate == "delivered" && $0.duplicated }.count)
    }
}

/// The sender or the receiver of a ``RelayCaptureRun`` failed.
package struct RelayCaptureRunError: Error, CustomStringConvertible {
    package var program: String
    package var result: CommandResult

    package var description: String { "jitterbug \(program) exited \(result.exitCode): \(result.stderr.suffix(2_000))" }
}
