import Foundation
import JitterbugTestSupport
import Testing

@testable import JitterBufferEvaluation

/// Runs the built `jitterbuffer-eval` (what `Tools/jitter-eval` runs) as a person would.
@Suite struct EvaluationCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The executable next to the test bundle (`swift build` puts both in one folder).
    static var executable: String {
        let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("jitterbuffer-eval").path
        if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        return repository.appendingPathComponent(".build/debug/jitterbuffer-eval").path
    }

    @Test func printsTheTableAndWritesOnePlotPerTrace() async throws {
        try await TemporaryDirectory.with(prefix: "jitter-eval") { directory in
            let traces = Self.repository.appendingPathComponent("Tools/traces").path
            let plots = directory.appendingPathComponent("plots").path
            let result = try CommandRunner.run(Self.executable, ["--traces", traces, "--plot", plots, "--seconds", "30"], timeoutSeconds: 300)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let header = "| trace | " + PlayoutAlgorithm.all.map(\.name).joined(separator: " | ") + " |"
            #expect(result.stdout.contains(header))
            let names = Trace.synthetic(frames: 10).map(\.name) + ["recorded loopback-plain", "recorded loopback-relay-ge3-jitter10"]
            for name in names { #expect(result.stdout.contains("| \(name) | "), "row \(name)") }
            let files = try FileManager.default.contentsOfDirectory(atPath: plots).filter { $0.hasSuffix(".svg") }
            #expect(files.count == names.count)
            // Deterministic: a second run prints the same table.
            let again = try CommandRunner.run(Self.executable, ["--traces", traces, "--seconds", "30"], timeoutSeconds: 300)
            #expect(again.stdout == result.stdout)
        }
    }

    @Test func refusesUnknownArguments() throws {
        let result = try CommandRunner.run(Self.executable, ["--bogus"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("usage: jitterbuffer-eval"))
        let missing = try CommandRunner.run(Self.executable, ["--plot"])
        #expect(missing.exitCode == 2)
        let tooShort = try CommandRunner.run(Self.executable, ["--seconds", "5"])
        #expect(tooShort.exitCode == 2)
        #expect(tooShort.stderr.contains("invalid --seconds '5'"))
    }
}
