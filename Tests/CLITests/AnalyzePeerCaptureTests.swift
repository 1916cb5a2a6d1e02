import Foundation
import JitterbugTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `analyze` on captures of other programs' RTP (ffmpeg's and GStreamer's Opus), of RTP over TCP,
/// of tshark's `-i any` (Linux cooked SLL2) and of the receiver's own `--capture`: each stream
/// found without signalling, with tshark's packet count and loss and A.8 jitter from tshark's
/// fields.
@Suite(
    .serialized,
    .enabled(if: CommandRunner.which("tshark") != nil && getuid() == 0, "needs tshark and root to capture on lo"))
struct AnalyzePeerCaptureTests {
    @Test(.enabled(if: CommandRunner.which("ffmpeg") != nil, "needs ffmpeg"))
    func ffmpegsOpusStream() throws {
        let ffmpeg = try #require(CommandRunner.which("ffmpeg"))
        try checkPeerStream(name: "ffmpeg", receiverOptions: []) { port in
            try CommandRunner.run(
                ffmpeg,
                ["-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i", "sine=frequency=440:duration=3",
                 "-c:a", "libopus", "-f", "rtp", "rtp://127.0.0.1:\(port)"],
                timeoutSeconds: 30)
        }
    }

    @Test(.enabled(if: CommandRunner.which("gst-launch-1.0") != nil, "needs GStreamer (bash Tools/setup)"))
    func gstreamersOpusStream() throws {
        let gst = try #require(CommandRunner.which("gst-launch-1.0"))
        try checkPeerStream(name: "gstreamer", receiverOptions: ["--payload-type", "96=opus"]) { port in
            try CommandRunner.run(
                gst,
                ["-q", "audiotestsrc", "num-buffers=150", "freq=440", "!", "audioconvert", "!", "audioresample", "!",
                 "opusenc", "!", "rtpopuspay", "!", "udpsink", "host=127.0.0.1", "port=\(port)"],
                timeoutSeconds: 30)
        }
    }

    /// tshark on `any` writes Linux cooked frames (SLL, or SLL2 as tcpdump writes by default),
    /// in pcap; the analysis is the same as on `lo`.
    @Test(arguments: ["LINUX_SLL", "LINUX_SLL2"])
    func linuxCookedCaptureOfOurStream(linkType: String) throws {
        try checkPeerStream(
            name: linkType, receiverOptions: [], interface: "any", options: ["-F", "pcap", "-y", linkType]
        ) { port in
            try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:\(port)", "--tone", "440", "--duration", "2s"])
        }
    }

    /// RTP over TCP (RFC 4571): the capture's TCP segments reassembled into frames.
    @Test func rtpOverTCP() throws {
        let tshark = try #require(CommandRunner.which("tshark"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let capture = directory.appendingPathComponent("tcp.pcapng").path
        let summaryPath = directory.appendingPathComponent("summary.json").path
        let port = CommandRunner.freeUDPPort()
        let capturing = try TsharkCapture.start(
            tshark: tshark, filter: "tcp port \(port)", to: capture, seconds: 10)
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "15s", "--interval", "0s",
             "--json", summaryPath])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--transport", "tcp", "--tone", "800", "--duration", "2s"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        capturing.interrupt()
        _ = try capturing.finish(timeoutSeconds: 20)

        let summary = try readJSONObject(summaryPath)
        let received = try #require(summary["packets_tcp"] as? Int)
        let stream = try AnalyzeRun([capture]).stream(toPort: port)
        #expect(stream["transport"] as? String == "tcp")
        #expect(stream["packets"] as? Int == received, "\(AnalyzeRun.counts(stream))")
        #expect(stream["lost"] as? Int == 0)
    }

    /// Runs `send` against a `recv` on a free port under a tshark capture, then checks
    /// `analyze`'s stream against tshark and the receiver.
    private func checkPeerStream(
        name: String, receiverOptions: [String], interface: String = "lo", options: [String] = [],
        send: (Int) throws -> CommandResult
    ) throws {
        let tshark = try #require(CommandRunner.which("tshark"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let capture = directory.appendingPathComponent("\(name).cap").path
        let summaryPath = directory.appendingPathComponent("summary.json").path
        let port = CommandRunner.freeUDPPort()
        let capturing = try TsharkCapture.start(
            tshark: tshark, filter: "udp dst port \(port)", to: capture, seconds: 15, interface: interface, options: options)
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "20s", "--interval", "0s",
             "--json", summaryPath] + receiverOptions)
        let sent = try send(port)
        #expect(sent.exitCode == 0, "\(name): \(sent.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 25).exitCode == 0)
        capturing.interrupt()
        _ = try capturing.finish(timeoutSeconds: 20)

        let stream = try AnalyzeRun([capture]).stream(toPort: port)
        let reference = try TsharkRTPFields(tshark: tshark, capture: capture, port: port)
        #expect(reference.packets.count > 50, "\(name)")
        #expect(stream["codec"] as? String == "opus", "\(name): \(stream["codec"] ?? "nil")")
        #expect(stream["clock_rate_hz"] as? Int == 48_000, "\(name)")
        #expect(stream["packets"] as? Int == reference.packets.count, "\(name): \(AnalyzeRun.counts(stream))")
        let lostByTshark = try #require(try TsharkRTPStreams.rows(tshark: tshark, capture: capture, port: port).first?.lost)
        #expect(stream["rfc3550_cumulative_lost"] as? Int == lostByTshark, "\(name)")
        let summary = try readJSONObject(summaryPath)
        #expect(stream["lost"] as? Int == summary["lost_packets"] as? Int, "\(name)")
        let jitter = try #require(stream["jitter_ms"] as? Double, "\(name)")
        let tsharkJitter = reference.jitterMilliseconds()
        #expect(abs(jitter - tsharkJitter) <= max(0.01 * tsharkJitter, 0.001), "\(name): \(jitter) vs \(tsharkJitter) ms")
    }
}
