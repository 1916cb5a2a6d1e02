import Foundation
import JitterbugTestSupport
import Testing

/// `jitterbug analyze FILES --json -` and its streams, for the tests that check `analyze`
/// against tshark, the impairment relay and the receiver.
struct AnalyzeRun {
    var result: CommandResult
    var document: [String: Any]

    init(_ files: [String], _ extra: [String] = []) throws {
        result = try CommandRunner.jitterbug(["analyze"] + files + ["--json", "-"] + extra, timeoutSeconds: 120)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let data = Data(result.stdout.utf8)
        document = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    var streams: [[String: Any]] { document["streams"] as? [[String: Any]] ?? [] }

    /// The one stream whose destination ends in `:PORT` (fails the test if not exactly one).
    func stream(toPort port: Int) throws -> [String: Any] {
        let matching = streams.filter { ($0["destination"] as? String)?.hasSuffix(":\(port)") == true }
        try #require(matching.count == 1, "streams to port \(port): \(streams.map { $0["destination"] ?? "?" })")
        return matching[0]
    }

    /// The counts that must not change with the capture's format or link type.
    static func counts(_ stream: [String: Any]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for key in ["packets", "expected", "lost", "rfc3550_cumulative_lost", "duplicates", "out_of_order", "sequence_errors"] {
            counts[key] = stream[key] as? Int ?? -1
        }
        return counts
    }
}
