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
            let names = Trace.synthetic(frames: 10).map(\.name) + ["recorded lab-ge2-jitter8-route35", "recorded loopback-plain", "recorded loopback-relay-ge3-jitter10"]
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
        let oneSeed = try CommandRunner.run(Self.executable, ["--seeds", "1"])
        #expect(oneSeed.exitCode == 2)
        #expect(oneSeed.stderr.contains("invalid --seeds '1': expected a whole number from 2 to 50"))
    }

    /// `--seeds 3`: every synthetic trace drawn from 3 seeds, one row each with a median, a
    /// range that holds the table's own (seed 0) ratio, and a count out of 3.
    @Test func seedsTableSpansTheTablesOwnRatios() throws {
        let result = try CommandRunner.run(Self.executable, ["--traces", "/nonexistent", "--seconds", "20", "--seeds", "3"], timeoutSeconds: 300)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let own = try #require(result.stdout.components(separatedBy: "Synthetic traces over 3 seeds").first)
        let seeded = try #require(result.stdout.components(separatedBy: "Synthetic traces over 3 seeds").last)
        for trace in Trace.synthetic(frames: 10) {
            let row = try #require(seeded.split(separator: "\n").first { $0.hasPrefix("| \(trace.name) | ") }, "row \(trace.name)")
            #expect(row.hasSuffix(" of 3 |"), "\(row)")
            // The table's own ratio for Jitterbug (first column) lies within the seeded range.
            let ownRow = try #require(own.split(separator: "\n").first { $0.hasPrefix("| \(trace.name) | ") })
            let ownRatio = try #require(Double(ownRow.split(separator: "|")[1].split(separator: "·")[0].trimmingCharacters(in: .whitespaces)))
            let cell = row.split(separator: "|")[1]
            let range = try #require(cell.firstMatch(of: /\((\d+\.\d+)–(\d+\.\d+)\)/))
            #expect(Double(range.1)! <= ownRatio && ownRatio <= Double(range.2)!, "\(trace.name): \(ownRatio) outside \(cell)")
        }
    }
}
