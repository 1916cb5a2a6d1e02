import Foundation
import JitterbugTestSupport
import Testing

/// `recv` with jittered arrivals reports its time-scaling (#16), and the WAV it writes is as
/// long as the frames it played minus what it says it removed plus what it inserted (ffprobe
/// reads the length, independently of the receiver).
@Suite(.serialized) struct PlayoutScalingCommandTests {
    @Test func jitteredToneReportsTimeScalingThatMatchesTheWrittenLength() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("heard.wav").path
        let summary = directory.appendingPathComponent("summary.json").path
        let intervals = directory.appendingPathComponent("intervals.jsonl").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--output", output, "--until-idle", "1s", "--duration", "20s",
             "--json", summary, "--jsonl", intervals])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--tone", "440", "--duration", "4s", "--impair", "delay=20ms,jitter=8ms"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        let received = try receiver.finish(timeoutSeconds: 30)
        #expect(received.exitCode == 0, "\(received.stderr)")
        #expect(received.stdout.contains("playout time-scaling"), "\(received.stdout)")

        let json = try readJSONObject(summary)
        let scaling = try #require(json["playout_scaling"] as? [String: Any])
        let accelerateMilliseconds = try #require(scaling["accelerate_ms"] as? Double)
        let expandMilliseconds = try #require(scaling["expand_ms"] as? Double)
        let accelerateCount = try #require(scaling["accelerate_count"] as? Int)
        let expandCount = try #require(scaling["expand_count"] as? Int)
        let stretch = try #require(scaling["plc_stretch_ms"] as? Double)
        let hold = try #require(scaling["underrun_hold_ms"] as? Double)
        #expect(hold >= 0 && hold <= stretch, "\(scaling)")
        #expect(scaling["drift_ppm"] as? Double != nil)
        let mean = try #require(scaling["mean_playout_delay_ms"] as? Double)
        #expect(mean > 0 && mean < 200)
        #expect(accelerateCount + expandCount > 0, "\(scaling)")

        // Every written frame is 960 samples before scaling; a period is a whole number of
        // samples, and the reported ms are truncated to the nanosecond: at most 1 sample each.
        let frames =
            (json["frames_decoded"] as? Int ?? 0) + (json["frames_fec"] as? Int ?? 0)
            + (json["frames_concealed"] as? Int ?? 0) + (json["frames_comfort_silence"] as? Int ?? 0)
        let expected = Double(frames * 960) - accelerateMilliseconds * 48 + expandMilliseconds * 48
        #expect(abs(Double(json["output_frames"] as? Int ?? 0) - expected) <= Double(accelerateCount + expandCount))
        guard let ffprobe = ExternalProgram.which("ffprobe") else { return }
        let probe = try CommandRunner.run(
            ffprobe, ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=duration_ts",
                      "-of", "default=noprint_wrappers=1:nokey=1", output])
        let samples = try #require(Double(probe.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "\(probe.stderr) \(probe.exitCode)")
        #expect(abs(samples - expected) <= Double(accelerateCount + expandCount), "ffprobe \(samples), expected \(expected)")
        // The interval records' net scaling adds up to the same change of length.
        let scaledByInterval = try String(contentsOfFile: intervals, encoding: .utf8).split(separator: "\n")
            .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .compactMap { $0["scaled_ms"] as? Double }
        #expect(!scaledByInterval.isEmpty)
        let intervalExpected = Double(frames * 960) + scaledByInterval.reduce(0, +) * 48
        #expect(abs(samples - intervalExpected) <= Double(accelerateCount + expandCount) + 1, "ffprobe \(samples), intervals say \(intervalExpected)")
        #expect(scaling["declined_not_periodic"] as? Int != nil && scaling["declined_too_short"] as? Int != nil, "\(scaling)")
        #expect(received.stdout.contains("scaled"), "\(received.stdout)")
        let wav = try WAVCheck(path: output)
        #expect(abs(wav.dominantHz - 440) <= 1, "\(wav.dominantHz) Hz")
    }
}
