import Foundation
import JitterbugTestSupport
import Testing

/// SRTP end to end: our sender and receiver with a shared key, a wrong key rejected and
/// counted, key errors, the SDP's a=crypto and file mode, and ffmpeg's SRTP into our receiver.
@Suite(.serialized) struct SRTPCommandTests {
    static func keyFile(in directory: URL, suite: String = "AES_CM_128_HMAC_SHA1_80") throws -> String {
        let result = try CommandRunner.jitterbug(["keygen", "--suite", suite])
        let path = directory.appendingPathComponent("\(suite).key").path
        try result.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: ["AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"])
    func protectedStreamEndToEnd(suite: String) throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try Self.keyFile(in: directory, suite: suite)
        let summary = directory.appendingPathComponent("summary.json").path
        let output = directory.appendingPathComponent("heard.wav").path
        let sdp = directory.appendingPathComponent("stream.sdp").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "20s", "--interval", "0s",
             "--srtp", "--key-file", key, "--srtp-suite", suite, "--json", summary, "--output", output])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--tone", "700", "--duration", "2s", "--srtp", "--key-file", key,
             "--srtp-suite", suite, "--sdp", sdp])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        let json = try readJSONObject(summary)
        #expect(json["lost_packets"] as? Int == 0, "\(json)")
        #expect(json["rtt_ms"] is Double, "SRTCP both ways")
        #expect((json["rejected"] as? [String: Any])?.isEmpty == true, "\(json)")
        #expect(abs(try WAVCheck(path: output).dominantHz - 700) <= 2)
        let sdpText = try String(contentsOfFile: sdp, encoding: .utf8)
        #expect(sdpText.contains("RTP/SAVP"))
        #expect(sdpText.contains("a=crypto:1 \(suite) inline:"))
        let mode = try FileManager.default.attributesOfItem(atPath: sdp)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func wrongKeyIsRejectedAndCounted() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let senderKey = try Self.keyFile(in: directory)
        let other = directory.appendingPathComponent("other.key").path
        try CommandRunner.jitterbug(["keygen"]).stdout.write(toFile: other, atomically: true, encoding: .utf8)
        let summary = directory.appendingPathComponent("summary.json").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--duration", "3s", "--interval", "0s", "--srtp", "--key-file", other,
             "--json", summary])
        _ = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:\(port)", "--duration", "1s", "--srtp", "--key-file", senderKey])
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        let json = try readJSONObject(summary)
        let rejected = try #require(json["rejected"] as? [String: Int])
        #expect((rejected["srtp_auth_fail"] ?? 0) >= 50, "\(rejected)")
        #expect(json["stream_count"] as? Int == 0, "no stream state for packets that do not authenticate")
    }

    @Test func wrongKeyLengthIsAUsageError() throws {
        let result = try CommandRunner.run(
            "/usr/bin/env", ["JITTERBUG_SRTP_KEY=c2hvcnQ=", CommandRunner.jitterbugPath, "send", "--to", "127.0.0.1:9", "--srtp"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("30 bytes"), "\(result.stderr)")
    }

    @Test(.enabled(if: CommandRunner.which("ffmpeg") != nil, "needs ffmpeg"))
    func ffmpegSRTPIntoOurReceiver() throws {
        let ffmpeg = try #require(CommandRunner.which("ffmpeg"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try Self.keyFile(in: directory)
        let keyText = try String(contentsOfFile: key, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let summary = directory.appendingPathComponent("summary.json").path
        let output = directory.appendingPathComponent("heard.wav").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "20s", "--interval", "0s",
             "--srtp", "--key-file", key, "--json", summary, "--output", output])
        let sender = try CommandRunner.run(
            ffmpeg,
            ["-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i", "sine=frequency=1000:duration=2", "-c:a", "libopus",
             "-f", "rtp", "-srtp_out_suite", "AES_CM_128_HMAC_SHA1_80", "-srtp_out_params", keyText,
             "srtp://127.0.0.1:\(port)"],
            timeoutSeconds: 30)
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        let json = try readJSONObject(summary)
        #expect(json["lost_packets"] as? Int == 0, "\(json)")
        #expect(abs(try WAVCheck(path: output).dominantHz - 1000) <= 2)
    }
}

/// ffmpeg receives our SRTP stream through the SDP we write (RTP/SAVP with a=crypto).
@Suite(.serialized, .enabled(if: CommandRunner.which("ffmpeg") != nil, "needs ffmpeg"))
struct SRTPToFFmpegTests {
    @Test func ffmpegDecryptsOurStreamThroughOurSDP() throws {
        let ffmpeg = try #require(CommandRunner.which("ffmpeg"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try SRTPCommandTests.keyFile(in: directory)
        let sdp = directory.appendingPathComponent("stream.sdp").path
        let output = directory.appendingPathComponent("ffmpeg-heard.wav").path
        let port = CommandRunner.freeUDPPort()
        let prepare = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--duration", "20ms", "--srtp", "--key-file", key, "--sdp", sdp])
        #expect(prepare.exitCode == 0, "\(prepare.stderr)")
        let receiver = try CommandRunner.start(
            ffmpeg, ["-nostdin", "-v", "error", "-protocol_whitelist", "file,udp,rtp,srtp", "-i", sdp, "-y", output])
        // ffmpeg prints nothing when it listens: wait until its RTP socket is bound.
        #expect(Wait.until(timeoutSeconds: 10) { UDPPortProbe.isBound(port) })
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--tone", "1000", "--duration", "3s", "--srtp", "--key-file", key])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        // RTP has no end of stream: give ffmpeg a second to decode what is still queued before
        // Ctrl-C, or the file comes out short (its length is what this test checks).
        usleep(1_000_000)
        receiver.interrupt()
        let result = try receiver.finish(timeoutSeconds: 15)
        #expect([0, 255].contains(result.exitCode), "\(result.stderr)")
        let wav = try WAVCheck(path: output)
        #expect(abs(wav.dominantHz - 1000) <= 2, "\(wav.dominantHz) Hz")
        #expect(abs(wav.seconds - 3) <= 0.2, "\(wav.seconds) s")
    }
}
