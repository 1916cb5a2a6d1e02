import Foundation
import Testing

/// The `--jsonl` interval records of a telemetry stream carry the interval's largest age of
/// information (`aoi_max_ms`) and update gap (`update_gap_max_ms`), checked against the
/// sender's rate and the impairment's ground truth: a blackhole of known length and a fixed delay.
@Suite(.serialized) struct TelemetryFreshnessCommandTests {
    @Test func intervalRecordsCarryAgeAndUpdateGapMaxima() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let intervals = directory.appendingPathComponent("intervals.jsonl").path
        let truth = directory.appendingPathComponent("truth.jsonl").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "20s", "--interval", "1s",
             "--jsonl", intervals])
        let periodMilliseconds = 20.0  // 50 Hz
        let delayMilliseconds = 30.0
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--telemetry", "counter", "--rate", "50hz", "--duration", "5s",
             "--impair", "delay=30ms,blackhole=2s+500ms,seed=4", "--impair-log", truth])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)

        // The longest run of frames the impairment dropped, from its own log, and the send
        // times of the frames on either side of it: the update gap the receiver must see.
        let truthLines = try String(contentsOfFile: truth, encoding: .utf8).split(separator: "\n")
        let sent = truthLines.map { line -> (dropped: Bool, sendMicroseconds: Int) in
            let send = line.range(of: "\"send_us\":").map { Int(line[$0.upperBound...].prefix { $0.isNumber }) ?? 0 } ?? 0
            return (line.contains("\"fate\":\"dropped\""), send)
        }
        var longest = 0..<0
        var runStart = 0
        for (index, frame) in sent.enumerated() {
            if !frame.dropped { runStart = index + 1 } else if index + 1 - runStart > longest.count { longest = runStart..<(index + 1) }
        }
        #expect(longest.count >= 20, "the 500 ms blackhole drops about 25 frames at 50 Hz, found \(longest.count)")
        let before = try #require(longest.lowerBound > 0 ? sent[longest.lowerBound - 1] : nil)
        let after = try #require(longest.upperBound < sent.count ? sent[longest.upperBound] : nil)
        let expectedGap = Double(after.sendMicroseconds - before.sendMicroseconds) / 1_000

        let records = try String(contentsOfFile: intervals, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        let gaps = records.compactMap { $0["update_gap_max_ms"] as? Double }
        let ages = records.compactMap { $0["aoi_max_ms"] as? Double }
        #expect(gaps.count >= 4, "\(records)")
        let holeIndex = try #require(gaps.indices.max { gaps[$0] < gaps[$1] })
        #expect(abs(gaps[holeIndex] - expectedGap) < 15, "update gaps \(gaps) vs \(expectedGap) ms from the truth")
        // Every other interval updates at the sender's rate (a little pacing noise allowed).
        for (index, gap) in gaps.enumerated() where index != holeIndex {
            #expect(gap < 3 * periodMilliseconds, "interval \(index): update gap \(gap) ms at \(periodMilliseconds) ms")
        }
        // Just before the first frame after the hole lands, the newest sample is from before
        // the hole: the age is the gap plus that frame's own latency (the 30 ms delay and more).
        let holeAge = try #require(ages.max())
        #expect(holeAge >= expectedGap + delayMilliseconds - 5, "ages \(ages), gap \(expectedGap) ms")
        #expect(holeAge <= expectedGap + delayMilliseconds + 100, "ages \(ages), gap \(expectedGap) ms")
        for age in ages where age != holeAge {
            #expect(age >= delayMilliseconds && age < holeAge, "ages \(ages)")
        }
    }
}
