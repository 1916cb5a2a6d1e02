import Foundation
import JitterbugTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Telemetry `arrival_us` agrees with the kernel's capture time of the same packet (tshark on
/// `lo`, matched by RTP sequence number): the receiver's wall-clock stamp must come from the
/// packet's own reading, not from a pairing taken once (which shifted every arrival by the
/// time the first packet spent in A.1 probation, one frame interval or more).
@Suite(
    .serialized,
    .enabled(if: CommandRunner.which("tshark") != nil && getuid() == 0, "needs tshark and root to capture on lo"))
struct TelemetryArrivalCaptureTests {
    @Test func arrivalTimesMatchTheCapture() throws {
        let tshark = try #require(CommandRunner.which("tshark"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let capture = directory.appendingPathComponent("telemetry.pcapng").path
        let records = directory.appendingPathComponent("telemetry.jsonl").path
        let port = CommandRunner.freeUDPPort()
        let capturing = try TsharkCapture.start(
            tshark: tshark, filter: "udp dst port \(port)", to: capture, seconds: 15)
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "15s", "--interval", "0s",
             "--telemetry-out", records])
        // 20 Hz: 50 ms between packets, so a stale pairing would be off by tens of ms.
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--telemetry", "counter", "--rate", "20hz", "--duration", "3s"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        capturing.interrupt()
        _ = try capturing.finish(timeoutSeconds: 20)

        let fields = try CommandRunner.run(
            tshark,
            ["-r", capture, "-d", "udp.port==\(port),rtp", "-Y", "rtp", "-T", "fields", "-e", "frame.time_epoch", "-e", "rtp.seq"])
        #expect(fields.exitCode == 0, "\(fields.stderr)")
        var captured: [Int: Double] = [:]
        for line in fields.stdout.split(separator: "\n") {
            let f = line.split(separator: "\t")
            guard f.count == 2, let time = Double(f[0]), let sequence = Int(f[1]) else { continue }
            captured[sequence] = time
        }
        var offsetsMilliseconds: [Double] = []
        for line in try String(contentsOfFile: records, encoding: .utf8).split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            guard object["type"] as? String == "sample", let sequence = object["seq"] as? Int,
                let arrival = object["arrival_us"] as? Int, let kernel = captured[sequence & 0xFFFF]
            else { continue }
            offsetsMilliseconds.append((Double(arrival) / 1e6 - kernel) * 1_000)
        }
        // 60 frames sent; the sender's count is the reference.
        #expect(offsetsMilliseconds.count >= 55, "\(offsetsMilliseconds.count) samples matched to the capture")
        let close = offsetsMilliseconds.filter { abs($0) < 1 }
        #expect(Double(close.count) >= 0.95 * Double(offsetsMilliseconds.count),
                "arrival_us − capture time (ms): \(offsetsMilliseconds.map { ($0 * 1_000).rounded() / 1_000 })")
    }
}
