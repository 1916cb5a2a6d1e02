import Foundation
import JitterbugTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The receiver's own recording (`recv --capture`) and tshark's capture of the same impaired
/// stream give the same report.
@Suite(
    .serialized,
    .enabled(if: CommandRunner.which("tshark") != nil && getuid() == 0, "needs tshark and root to capture on lo"))
struct AnalyzeRecordedCaptureTests {
    @Test func recvCaptureAndTsharkCaptureGiveTheSameReport() throws {
        let tshark = try #require(CommandRunner.which("tshark"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let recorded = directory.appendingPathComponent("recv.pcap").path
        let run = try RelayCaptureRun.run(
            tshark: tshark, impair: "loss=4%,duplicate=3%,reorder=5%,delay=20ms,jitter=3ms,seed=11", in: directory,
            receiverOptions: ["--capture", recorded])

        let fromTshark = try AnalyzeRun([run.capture]).stream(toPort: run.receiverPort)
        let fromReceiver = try AnalyzeRun([recorded]).stream(toPort: run.receiverPort)
        #expect(AnalyzeRun.counts(fromReceiver) == AnalyzeRun.counts(fromTshark))
        for key in ["ssrc", "source", "destination", "codec"] {
            #expect(fromReceiver[key] as? String == fromTshark[key] as? String, "\(key)")
        }
        // Arrival times differ by the receiver's stamping (on its event loop, tens of µs after
        // the kernel's): the jitter agrees closely, not exactly.
        let (a, b) = (fromReceiver["jitter_ms"] as? Double ?? -1, fromTshark["jitter_ms"] as? Double ?? 0)
        #expect(abs(a - b) <= 0.1 * b + 0.05, "recv --capture \(a) ms vs tshark's capture \(b) ms")
        // The recording reads back in tshark too, with valid checksums.
        let reference = try TsharkRTPFields(tshark: tshark, capture: recorded, port: run.receiverPort)
        #expect(reference.packets.count == fromTshark["packets"] as? Int)
    }
}
