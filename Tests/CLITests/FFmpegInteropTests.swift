import Foundation
import JitterbugTestSupport
import Testing

/// Interop with ffmpeg (Debian's `ffmpeg`, installed by Tools/setup) in both directions.
@Suite(.serialized, .enabled(if: CommandRunner.which("ffmpeg") != nil, "needs ffmpeg (bash Tools/setup)"))
struct FFmpegInteropTests {
    /// Our sender → ffmpeg, through the SDP we write (RFC 4566 + RFC 7587).
    @Test func ffmpegReceivesOurStreamThroughOurSDP() throws {
        let ffmpeg = try #require(CommandRunner.which("ffmpeg"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sdp = directory.appendingPathComponent("stream.sdp").path
        let output = directory.appendingPathComponent("ffmpeg-heard.wav").path
        let port = CommandRunner.freeUDPPort()
        // Write the SDP first (a 20 ms run to the same port nobody listens on yet), so ffmpeg can
        // be listening before the real stream starts.
        let prepare = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--tone", "1000", "--duration", "20ms", "--sdp", sdp])
        #expect(prepare.exitCode == 0, "\(prepare.stderr)")
        let sdpText = try String(contentsOfFile: sdp, encoding: .utf8)
        #expect(sdpText.contains("a=rtpmap:111 opus/48000/2"))
        let receiver = try CommandRunner.start(
            ffmpeg, ["-nostdin", "-v", "error", "-protocol_whitelist", "file,udp,rtp", "-i", sdp, "-y", output])
        // ffmpeg prints nothing when it listens: wait until its RTP socket is bound.
        #expect(Wait.until(timeoutSeconds: 10) { UDPPortProbe.isBound(port) })
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--tone", "1000", "--duration", "3s", "--sdp", sdp])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        // RTP has no end of stream: give ffmpeg a second to decode what is still queued before
        // Ctrl-C, or the file comes out short (its length is what this test checks).
        usleep(1_000_000)
        receiver.interrupt()  // ffmpeg finishes its file on SIGINT, like Ctrl-C or 'q'
        let result = try receiver.finish(timeoutSeconds: 15)
        #expect([0, 255].contains(result.exitCode), "\(result.stderr)")
        let wav = try WAVCheck(path: output)
        #expect(abs(wav.dominantHz - 1000) <= 2, "\(wav.dominantHz) Hz")
        #expect(abs(wav.seconds - 3) <= 0.1, "\(wav.seconds) s")
    }

    /// ffmpeg's libopus RTP output → `jitterbug recv`, with no loss and the right frequency.
    @Test func ourReceiverDecodesFFmpegsStream() throws {
        let ffmpeg = try #require(CommandRunner.which("ffmpeg"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("heard.wav").path
        let summary = directory.appendingPathComponent("summary.json").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--output", output, "--until-idle", "1s", "--duration", "20s",
             "--json", summary])
        let sender = try CommandRunner.run(
            ffmpeg,
            ["-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i", "sine=frequency=1000:duration=3",
             "-c:a", "libopus", "-f", "rtp", "rtp://127.0.0.1:\(port)"],
            timeoutSeconds: 30)
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        let received = try receiver.finish(timeoutSeconds: 20)
        #expect(received.exitCode == 0, "\(received.stderr)")
        let json = try readJSONObject(summary)
        #expect(json["lost_packets"] as? Int == 0, "\(json)")
        #expect((json["packets"] as? Int ?? 0) >= 140, "\(json)")
        let wav = try WAVCheck(path: output)
        #expect(abs(wav.dominantHz - 1000) <= 2, "\(wav.dominantHz) Hz")
        #expect(abs(wav.seconds - 3) <= 0.1, "\(wav.seconds) s")
    }
}
