import Foundation
import JitterbugTestSupport
import Testing

/// `jitterbug send` (a 5 s tone) → `jitterbug impair` → `jitterbug recv` as the sink, with
/// tshark capturing on `lo` what reached the sink's RTP port and the RTCP both ways on the
/// port above it (the sender's SRs, the sink's RRs), and the relay's ground-truth log.
/// All on 127.0.0.1, bounded in time; the temporary directory holds every file.
struct RelayCaptureRun {
    var capture: String
    var groundTruth: String
    var sinkPort: Int

    /// The built `jitterbug` next to the test bundle (`swift build` puts both in one folder).
    static var jitterbugPath: String {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let sibling = bundleDirectory.appendingPathComponent("jitterbug").path
        if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/jitterbug").path
    }

    static func run(tshark: String, impair: String, in directory: URL) throws -> RelayCaptureRun {
        let capture = directory.appendingPathComponent("relayed.pcapng").path
        let truth = directory.appendingPathComponent("truth.jsonl").path
        let sinkPort = FreePort.udp()
        let relayPort = FreePort.udp()
        let capturing = try CommandRunner.start(
            tshark, ["-i", "lo", "-f", "udp dst port \(sinkPort) or udp port \(sinkPort + 1)", "-w", capture, "-a", "duration:14"])
        _ = try capturing.waitForLine(containing: "Capturing on")
        #expect(Wait.until(timeoutSeconds: 10) { FileManager.default.fileExists(atPath: capture) })
        let sink = try CommandRunner.start(
            jitterbugPath,
            ["recv", "--listen", "127.0.0.1:\(sinkPort)", "--until-idle", "1s", "--duration", "15s", "--interval", "0s",
             "--no-decode"])
        _ = try sink.waitForLine(containing: "jitterbug recv: listening on")
        let relay = try CommandRunner.start(
            jitterbugPath,
            ["impair", "--listen", "127.0.0.1:\(relayPort)", "--forward", "127.0.0.1:\(sinkPort)", "--impair", impair,
             "--impair-log", truth, "--duration", "8s"])
        _ = try relay.waitForLine(containing: "jitterbug impair: relaying")
        let sender = try CommandRunner.run(
            jitterbugPath, ["send", "--to", "127.0.0.1:\(relayPort)", "--tone", "440", "--duration", "5s"],
            timeoutSeconds: 30)
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        _ = try sink.finish(timeoutSeconds: 20)
        let relayed = try relay.finish(timeoutSeconds: 20)
        #expect(relayed.exitCode == 0, "\(relayed.stderr)")
        capturing.interrupt()
        _ = try capturing.finish(timeoutSeconds: 20)
        return RelayCaptureRun(capture: capture, groundTruth: truth, sinkPort: sinkPort)
    }

    /// The relay's ground truth for RTP: packets dropped between the first and the last one
    /// delivered (the span a receiver can see), and packets delivered twice.
    func truth() throws -> (dropped: Int, duplicated: Int) {
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
