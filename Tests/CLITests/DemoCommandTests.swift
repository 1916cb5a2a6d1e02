import Foundation
import Testing

/// `jitterbug demo` runs the real sender pipeline, so RTCP goes both ways within a 5 s demo:
/// the receiver's table shows a measured round trip and reports in both directions, and the
/// sender's line shows what the receiver reported (it said "rtt n/a" and "1/0").
@Suite(.serialized) struct DemoCommandTests {
    @Test func aFiveSecondDemoShowsTheRoundTripOnBothSides() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("demo.wav").path
        let demo = try CommandRunner.jitterbug(
            ["demo", "--duration", "5s", "--no-compare", "--output", output], timeoutSeconds: 60)
        #expect(demo.exitCode == 0, "\(demo.stdout)\n\(demo.stderr)")
        let lines = demo.stdout.split(separator: "\n").map(String.init)
        // Receiver side: "rtt (rtcp)   1.86 ms" (RRTR answered by the sender's DLRR).
        let rttLine = try #require(lines.first { $0.contains("rtt (rtcp)") }, "\(demo.stdout)")
        let rtt = try #require(Self.milliseconds(in: rttLine), "\(rttLine)")
        #expect(rtt > 0 && rtt < 50, "\(rttLine)")
        // Reports went both ways: "rtcp reports sent / received   9 / 4".
        let reportsLine = try #require(lines.first { $0.contains("rtcp reports sent / received") }, "\(demo.stdout)")
        let counts = reportsLine.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .punctuationCharacters)) }
        #expect(counts.count >= 2 && counts[0] >= 2 && counts[1] >= 1, "\(reportsLine)")
        // Sender side: the receiver's report with a numeric round trip.
        let senderLine = try #require(lines.first { $0.contains("receiver reported") }, "\(demo.stdout)")
        let senderRTT = senderLine.range(of: "rtt ").flatMap { Self.milliseconds(in: String(senderLine[$0.upperBound...])) }
        #expect(senderRTT.map { $0 > 0 && $0 < 50 } == true, "\(senderLine)")
    }

    /// The first number followed by " ms" in `text`.
    static func milliseconds(in text: String) -> Double? {
        guard let unit = text.range(of: " ms") else { return nil }
        return Double(text[..<unit.lowerBound].split(separator: " ").last ?? "")
    }
}
