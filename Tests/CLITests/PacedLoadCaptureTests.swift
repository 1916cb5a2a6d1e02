import Foundation
import JitterbugTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `send --streams 2 --rate 1000` for 2 s against the kernel's own record of the wire (tshark on
/// `lo`): 4,000 datagrams, 2,000 per SSRC, each stream's packets about 1 ms apart and the two
/// streams interleaved (issue #17: a paced stream could not go above 400 packets/s).
@Suite(
    .serialized,
    .enabled(if: CommandRunner.which("tshark") != nil && getuid() == 0, "needs tshark and root to capture on lo"))
struct PacedLoadCaptureTests {
    @Test func twoStreamsAtAThousandPacketsPerSecond() throws {
        let tshark = try #require(CommandRunner.which("tshark"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let capture = directory.appendingPathComponent("paced.pcapng").path
        let port = CommandRunner.freeUDPPort()
        let capturing = try TsharkCapture.start(tshark: tshark, filter: "udp dst port \(port)", to: capture, seconds: 20)
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--no-tcp", "--no-decode", "--until-idle", "1s", "--duration", "15s",
             "--interval", "0s"])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--streams", "2", "--rate", "1000", "--duration", "2s"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(sender.stdout.contains("2 streams, 4000 packets"), "\(sender.stdout)")
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        capturing.interrupt()
        _ = try capturing.finish(timeoutSeconds: 20)

        let fields = try CommandRunner.run(
            tshark,
            ["-r", capture, "-d", "udp.port==\(port),rtp", "-Y", "rtp", "-T", "fields", "-e", "frame.time_epoch", "-e", "rtp.ssrc"])
        #expect(fields.exitCode == 0, "\(fields.stderr)")
        var timesBySSRC: [String: [Double]] = [:]
        var ssrcOrder: [String] = []
        for line in fields.stdout.split(separator: "\n") {
            let field = line.split(separator: "\t")
            guard field.count == 2, let time = Double(field[0]) else { continue }
            timesBySSRC[String(field[1]), default: []].append(time)
            ssrcOrder.append(String(field[1]))
        }
        let total = timesBySSRC.values.reduce(0) { $0 + $1.count }
        // The capture may miss a few under load; the schedule itself is exactly 4,000.
        #expect(abs(total - 4_000) <= 8, "captured \(total) RTP datagrams")
        #expect(timesBySSRC.count == 2)
        for (ssrc, times) in timesBySSRC {
            #expect(abs(times.count - 2_000) <= 4, "\(ssrc): \(times.count)")
            let gapsMilliseconds = zip(times, times.dropFirst()).map { ($1 - $0) * 1_000 }.sorted()
            let median = gapsMilliseconds.isEmpty ? 0 : gapsMilliseconds[gapsMilliseconds.count / 2]
            #expect(median > 0.8 && median < 1.2, "\(ssrc): median gap \(median) ms")
            let span = (times.last ?? 0) - (times.first ?? 0)
            #expect(span > 1.9 && span < 2.3, "\(ssrc): first to last \(span) s")
        }
        // Staggered by half a period: the two streams alternate on the wire almost always.
        let alternations = zip(ssrcOrder, ssrcOrder.dropFirst()).filter { $0 != $1 }.count
        #expect(Double(alternations) > 0.9 * Double(max(1, ssrcOrder.count - 1)), "\(alternations) alternations")
    }
}

/// `--rate`'s bad values name themselves and the accepted forms; a rate for plain audio is
/// refused rather than ignored.
@Suite struct PacedLoadArgumentTests {
    @Test func badRateNamesTheValueAndTheForms() throws {
        let result = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:9", "--streams", "2", "--rate", "3x"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("3x") && result.stderr.contains("300k") && result.stderr.contains("max"), "\(result.stderr)")
        let tooFast = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:9", "--streams", "1", "--rate", "20M"])
        #expect(tooFast.exitCode == 2)
        #expect(tooFast.stderr.contains("20M"), "\(tooFast.stderr)")
    }

    @Test func rateWithoutStreamsOrTelemetryIsRefused() throws {
        let result = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:9", "--rate", "1k", "--duration", "1s"])
        #expect(result.exitCode != 0)
        #expect(result.stderr.contains("--streams") && result.stderr.contains("--telemetry"), "\(result.stderr)")
        let telemetryTooFast = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:9", "--telemetry", "imu", "--rate", "200k", "--duration", "1s"])
        #expect(telemetryTooFast.exitCode != 0)
        #expect(telemetryTooFast.stderr.contains("200k") && telemetryTooFast.stderr.contains("100 kHz"), "\(telemetryTooFast.stderr)")
    }
}
