import Foundation
import JitterbugTestSupport
import Testing

/// `probe --duration`: a bounded run that ends as SIGTERM does (exit 0, events written), also
/// with its stdout closed; unwritable outputs and bad values are usage errors naming them.
@Suite(.serialized) struct ProbeBoundedRunCommandTests {
    /// Two probes testing each other for 4 s, one of them with its stdout read by `head -1`
    /// (closed after the first line): both exit 0 on their own, and the events file holds the
    /// tests the other probe's /metrics-free side confirms (each test a JSON line).
    @Test func aBoundedRunStopsCleanlyEvenWithStdoutClosed() throws {
        let directory = try TemporaryDirectory.create()
        defer { try? FileManager.default.removeItem(at: directory) }
        let events = directory.appendingPathComponent("events.jsonl").path
        let portA = ProbeCommandTests.freePortPair()
        let portB = ProbeCommandTests.freePortPair()
        let b = try CommandRunner.start(
            CommandRunner.jitterbugPath,
            ["probe", "--name", "b", "--listen", "127.0.0.1:\(portB)", "--peer", "a=127.0.0.1:\(portA)",
             "--every", "2s", "--test", "1s", "--duration", "6s"])
        try b.waitForLine(containing: "b listening on")
        let pipe = "\"$0\" \"$@\" | head -1; exit ${PIPESTATUS[0]}"
        let a = try CommandRunner.run(
            "/bin/bash",
            ["-c", pipe, CommandRunner.jitterbugPath, "probe", "--name", "a", "--listen", "127.0.0.1:\(portA)",
             "--peer", "b=127.0.0.1:\(portB)", "--every", "2s", "--test", "1s", "--duration", "4s", "--events", events],
            timeoutSeconds: 30)
        #expect(a.exitCode == 0, "\(a.stdout)\n\(a.stderr)")
        #expect(a.stdout.split(separator: "\n").count == 1)
        #expect(!a.stderr.contains("Fatal error"))
        let finished = try b.finish(timeoutSeconds: 30)
        #expect(finished.exitCode == 0, "\(finished.stderr)")
        #expect(finished.stdout.contains("jitterbug probe: stopped"), "\(finished.stdout)")
        // 4 s at --every 2s: two outbound tests to b; b's tests of a arrive inbound.
        let lines = (try? String(contentsOfFile: events, encoding: .utf8))?.split(separator: "\n") ?? []
        let records = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.count == lines.count, "every line is JSON")
        let outbound = records.filter { $0["direction"] as? String == "outbound" }
        #expect((1...2).contains(outbound.count), "\(lines)")
        #expect(outbound.allSatisfy { $0["result"] as? String == "ok" }, "\(lines)")
    }

    @Test(arguments: [
        (["--duration", "0s"], "invalid --duration '0ms'"),
        (["--duration", "soon"], "soon"),
        (["--events", "/nonexistent/dir/events.jsonl"], "/nonexistent/dir"),
        (["--peer-key-file", "x=/nonexistent/x.key"], "--peer-key-file"),
        (["--peer", "x=127.0.0.1:5004", "--peer-key-file", "y=/dev/null"], "/dev/null"),
        (["--srtp"], "--srtp needs a key"),
    ])
    func badValuesAreUsageErrorsNamingThem(arguments: [String], expected: String) throws {
        let result = try CommandRunner.jitterbug(["probe", "--name", "a", "--listen", "0"] + arguments)
        #expect(result.exitCode == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
    }
}
