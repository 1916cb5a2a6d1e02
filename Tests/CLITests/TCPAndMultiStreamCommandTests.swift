import Foundation
import Testing

/// RTP over TCP (RFC 4571) end to end, and many streams into one receiver.
@Suite(.serialized) struct TCPAndMultiStreamCommandTests {
    @Test func forcedTCPStreamsEndToEnd() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("heard.wav").path
        let summary = directory.appendingPathComponent("summary.json").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "20s", "--interval", "0s",
             "--output", output, "--json", summary])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--transport", "tcp", "--tone", "800", "--duration", "2s"])
        #expect(sender.exitCode == 0, "\(sender.stdout)\n\(sender.stderr)")
        #expect(sender.stdout.contains("tcp: 10"), "\(sender.stdout)")  // 100 RTP frames + RTCP went out
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        let json = try readJSONObject(summary)
        #expect(json["packets_tcp"] as? Int ?? 0 >= 99, "\(json)")
        #expect(json["packets_udp"] as? Int == 0)
        #expect(json["lost_packets"] as? Int == 0)
        #expect(json["rtt_ms"] is Double, "RTCP goes both ways over the TCP connection")
        let wav = try WAVCheck(path: output)
        #expect(abs(wav.dominantHz - 800) <= 2)
        // Time-scaling (#16) removes or inserts pitch periods to track the target delay.
        let scaling = json["playout_scaling"] as? [String: Any]
        let netScaled = ((scaling?["expand_ms"] as? Double ?? 0) - (scaling?["accelerate_ms"] as? Double ?? 0)) * 48
        #expect(abs(Double(wav.frames) - (96_000 + netScaled)) <= 960, "\(wav.frames) frames, time-scaled \(netScaled)")
    }

    @Test func tcpWithSenderImpairmentIsRefused() throws {
        let result = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:9", "--transport", "tcp", "--impair", "loss=5%"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("jitterbug lab"))
    }

    @Test func twentyStreamsIntoOneReceiverOneFileEach() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputs = directory.appendingPathComponent("streams").path + "/"
        let summary = directory.appendingPathComponent("summary.json").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "20s", "--interval", "0s",
             "--output", outputs, "--max-streams", "20", "--json", summary])
        let sender = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:\(port)", "--streams", "25", "--duration", "2s"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
        let json = try readJSONObject(summary)
        #expect(json["stream_count"] as? Int == 20)
        let rejected = json["rejected"] as? [String: Any]
        #expect((rejected?["stream_table_full"] as? Int ?? 0) > 0, "five streams over --max-streams are counted")
        let files = try FileManager.default.contentsOfDirectory(atPath: outputs).filter { $0.hasSuffix(".wav") }
        #expect(files.count == 20)
        let streams = try #require(json["streams"] as? [[String: Any]])
        #expect(streams.count == 20)
        #expect(streams.allSatisfy { ($0["packets"] as? Int ?? 0) >= 90 })
    }

    /// `--no-decode`: every stream is played out and counted through its jitter buffer, but no
    /// decoder exists and no audio is made (the mode for thousands of streams).
    @Test func noDecodeCountsFramesWithoutAudio() throws {
        let port = CommandRunner.freeUDPPort()
        let summary = NSTemporaryDirectory() + "nodecode-\(port).json"
        defer { try? FileManager.default.removeItem(atPath: summary) }
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "20s", "--interval", "0s",
             "--no-decode", "--json", summary])
        let sender = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:\(port)", "--streams", "3", "--duration", "2s"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        let finished = try receiver.finish(timeoutSeconds: 30)
        #expect(finished.exitCode == 0)
        let json = try readJSONObject(summary)
        let streams = try #require(json["streams"] as? [[String: Any]])
        #expect(streams.count == 3)
        // The text summary lists every stream, not only the first (issue #15).
        #expect(finished.stdout.contains("3 streams:"), "\(finished.stdout)")
        for stream in streams {
            let name = try #require(stream["stream"] as? String)
            #expect(finished.stdout.contains(name + " "), "\(name) listed in \(finished.stdout)")
        }
        #expect(streams.allSatisfy { ($0["frames_decoded"] as? Int ?? 0) >= 90 }, "\(streams)")
        #expect(streams.allSatisfy { ($0["output_frames"] as? Int ?? -1) == 0 })
        #expect(streams.allSatisfy { ($0["jitter_buffer"] as? [String: Any])?["balanced"] as? Bool == true })
        let both = try CommandRunner.jitterbug(["recv", "--listen", "5004", "--no-decode", "--output", "x.wav"])
        #expect(both.exitCode == 2)
        #expect(both.stderr.contains("--no-decode makes no audio"), "\(both.stderr)")
    }

    @Test func streamCountOutOfRangeIsAUsageError() throws {
        let result = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:9", "--streams", "0"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("1 to 10000"))
    }
}
