import Foundation
import JitterbugTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `jitterbug analyze` on tshark's capture of an impaired stream agrees with three independent
/// references: the impairment relay's own counts (lost, duplicated), tshark's RTP stream
/// analysis (its "Lost" is RFC 3550's cumulative lost) and RFC 3550 A.8 recomputed from tshark's
/// per-packet fields; and with the receiver that got the same packets. The same capture in
/// other file formats gives the same counts.
@Suite(
    .serialized,
    .enabled(if: CommandRunner.which("tshark") != nil && getuid() == 0, "needs tshark and root to capture on lo"))
struct AnalyzeAgreementTests {
    @Test func lossAndJitterAgreeWithTheRelayTsharkAndTheReceiver() throws {
        let tshark = try #require(CommandRunner.which("tshark"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try RelayCaptureRun.run(tshark: tshark, impair: "loss=ge:4%/2,delay=10ms,jitter=4ms,seed=9", in: directory)
        let dropped = try run.relayCounts().dropped
        #expect(dropped > 0)

        let stream = try AnalyzeRun([run.capture]).stream(toPort: run.receiverPort)
        #expect(stream["codec"] as? String == "opus")
        #expect(stream["clock_rate_hz"] as? Int == 48_000)
        #expect(stream["lost"] as? Int == dropped, "\(AnalyzeRun.counts(stream))")
        let lostByTshark = try #require(try TsharkRTPStreams.rows(tshark: tshark, capture: run.capture, port: run.receiverPort).first?.lost)
        #expect(stream["rfc3550_cumulative_lost"] as? Int == lostByTshark)

        let reference = try TsharkRTPFields(tshark: tshark, capture: run.capture, port: run.receiverPort)
        #expect(stream["packets"] as? Int == reference.packets.count)
        let tsharkJitter = reference.jitterMilliseconds()
        let jitter = try #require(stream["jitter_ms"] as? Double)
        #expect(tsharkJitter > 0.5, "the impairment should make jitter visible")
        #expect(abs(jitter - tsharkJitter) <= 0.01 * tsharkJitter, "analyze \(jitter) ms vs A.8 from tshark \(tsharkJitter) ms")

        // The receiver that got these packets counts the same loss.
        let summary = try readJSONObject(run.summaryPath)
        #expect(summary["lost_packets"] as? Int == dropped)

        // The same capture as pcap (µs and ns) and gzip-compressed: the same counts.
        let editcap = try #require(CommandRunner.which("editcap"))
        var copies: [String] = []
        for format in ["pcap", "nsecpcap"] {
            let copy = directory.appendingPathComponent("rtp-\(format).pcap").path
            let converted = try CommandRunner.run(editcap, ["-F", format, run.capture, copy])
            #expect(converted.exitCode == 0, "\(converted.stderr)")
            copies.append(copy)
        }
        let gzipped = try CommandRunner.run("/bin/sh", ["-c", "gzip -k -c '\(copies[1])' > '\(copies[1]).gz'"])
        #expect(gzipped.exitCode == 0)
        copies.append(copies[1] + ".gz")
        for copy in copies {
            let other = try AnalyzeRun([copy]).stream(toPort: run.receiverPort)
            #expect(AnalyzeRun.counts(other) == AnalyzeRun.counts(stream), "\(copy)")
            let otherJitter = other["jitter_ms"] as? Double ?? -1
            #expect(abs(otherJitter - jitter) <= 0.01 * jitter, "\(copy): \(otherJitter) vs \(jitter) ms")
        }
    }

    /// Duplicates and reordering: `lost` and `duplicates` equal the relay's counts; tshark's
    /// "Lost" (expected − received, duplicates included) equals `rfc3550_cumulative_lost`.
    @Test func duplicatesAndReorderingAgreeWithTheRelayAndTshark() throws {
        let tshark = try #require(CommandRunner.which("tshark"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try RelayCaptureRun.run(
            tshark: tshark, impair: "loss=5%,duplicate=8%,reorder=10%,delay=30ms,seed=5", in: directory)
        let dropped = try run.relayCounts().dropped
        let duplicated = try run.relayCounts().duplicated
        #expect(dropped > 0 && duplicated > 0)

        let stream = try AnalyzeRun([run.capture]).stream(toPort: run.receiverPort)
        let counts = AnalyzeRun.counts(stream)
        #expect(counts["lost"] == dropped, "\(counts)")
        #expect(counts["duplicates"] == duplicated, "\(counts)")
        #expect(counts["rfc3550_cumulative_lost"] == dropped - duplicated, "\(counts)")
        #expect((counts["out_of_order"] ?? 0) > 0, "\(counts)")
        let lostByTshark = try #require(try TsharkRTPStreams.rows(tshark: tshark, capture: run.capture, port: run.receiverPort).first?.lost)
        #expect(counts["rfc3550_cumulative_lost"] == lostByTshark)
    }
}
