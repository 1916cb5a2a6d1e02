import Foundation
import JitterbugTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Our loss and jitter agree with an independent analysis of the same packets: tshark's RTP
/// stream statistics for loss, and RFC 3550 A.8 recomputed at 48 kHz from tshark's per-packet
/// capture times for jitter (tshark cannot know a dynamic payload type's clock rate).
@Suite(
    .serialized,
    .enabled(if: CommandRunner.which("tshark") != nil && getuid() == 0, "needs tshark and root to capture on lo"))
struct TsharkAgreementTests {
    @Test func lossAndJitterAgreeWithTshark() throws {
        let tshark = try #require(CommandRunner.which("tshark"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try RelayCaptureRun.run(tshark: tshark, impair: "loss=ge:4%/2,delay=10ms,jitter=4ms,seed=9", in: directory)
        let (capture, summaryPath, receiverPort) = (run.capture, run.summaryPath, run.receiverPort)

        let summary = try readJSONObject(summaryPath)
        let reference = try TsharkRTPFields(tshark: tshark, capture: capture, port: receiverPort)
        #expect(reference.packets.count > 200)

        // Loss as tshark's RTP stream analysis reports it.
        let lostByTshark = try #require(try TsharkRTPStreams.rows(tshark: tshark, capture: capture, port: receiverPort).first?.lost)
        let ourLost = try #require(summary["lost_packets"] as? Int)
        // Exactly: both count from the first packet (the one that starts A.1 probation counts).
        #expect(ourLost == lostByTshark, "ours \(ourLost) vs tshark \(lostByTshark)")

        // RFC 3550 A.8 at 48 kHz over tshark's capture timestamps, in arrival order.
        let tsharkJitterMilliseconds = reference.jitterMilliseconds()
        let ours = try #require(summary["jitter_ms"] as? Double)
        #expect(tsharkJitterMilliseconds > 0.5, "the impairment should make jitter visible")
        #expect(abs(ours - tsharkJitterMilliseconds) <= 0.1 * tsharkJitterMilliseconds,
                "ours \(ours) ms vs tshark-based \(tsharkJitterMilliseconds) ms")
    }
}
