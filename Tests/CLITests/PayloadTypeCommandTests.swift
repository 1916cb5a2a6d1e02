import Foundation
import Testing

/// The receiver decides Opus or telemetry from the payload (or an explicit
/// `--payload-type PT=media`), never from the payload type number: 100 is only telemetry's
/// default, and any dynamic type may carry either.
@Suite(.serialized) struct PayloadTypeCommandTests {
    /// Runs `recv` (with `receiverOptions`) against one `send`, returning the WAV and telemetry
    /// record paths in `directory` and the receiver's JSON summary.
    private func exchange(
        in directory: URL, send: [String], receiverOptions: [String] = []
    ) throws -> (wav: String, records: String, summary: [String: Any]) {
        let wav = directory.appendingPathComponent("heard.wav").path
        let records = directory.appendingPathComponent("records.jsonl").path
        let summary = directory.appendingPathComponent("summary.json").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "15s", "--interval", "0s",
             "--output", wav, "--telemetry-out", records, "--json", summary] + receiverOptions)
        let sender = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:\(port)", "--duration", "2s"] + send)
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        let received = try receiver.finish(timeoutSeconds: 20)
        #expect(received.exitCode == 0, "\(received.stderr)")
        return (wav, records, try readJSONObject(summary))
    }

    private func sampleRecords(_ path: String) throws -> Int {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.contains("\"type\":\"sample\"") }.count
    }

    @Test func opusOnTelemetrysDefaultTypeIsDecoded() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try exchange(in: directory, send: ["--tone", "600", "--payload-type", "100"])
        let wav = try WAVCheck(path: run.wav)
        // The sender's 2 s, less what A.1 probation and the start of playout take.
        #expect(wav.seconds > 1.5, "\(wav.seconds) s of audio")
        #expect(abs(wav.dominantHz - 600) < 10, "dominant \(wav.dominantHz) Hz")
        #expect(try sampleRecords(run.records) == 0)
    }

    @Test func telemetryOnOpussDefaultTypeIsDecoded() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try exchange(
            in: directory, send: ["--telemetry", "counter", "--rate", "50hz", "--payload-type", "111"])
        // 100 frames sent; the sender's count is the reference, less at most the start.
        let samples = try sampleRecords(run.records)
        #expect(samples >= 95 && samples <= 100, "\(samples) samples")
    }

    @Test func explicitMappingOverridesThePayload() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Told that 100 is telemetry, the receiver does not decode the tone as audio…
        let asTelemetry = try exchange(
            in: directory, send: ["--tone", "600", "--payload-type", "100"],
            receiverOptions: ["--payload-type", "100=telemetry"])
        let telemetry = try #require(asTelemetry.summary["telemetry"] as? [String: Any])
        let dropped = try #require(telemetry["dropped_by_reason"] as? [String: Any], "\(telemetry)")
        #expect((dropped["bad_magic"] as? Int ?? 0) > 50, "\(dropped)")
        #expect(try sampleRecords(asTelemetry.records) == 0)
        // …and told that 111 is Opus, the tone on 111 is heard as before.
        let asOpus = try exchange(
            in: directory, send: ["--tone", "600", "--payload-type", "111"],
            receiverOptions: ["--payload-type", "111=opus", "--payload-type", "100=telemetry"])
        #expect(abs(try WAVCheck(path: asOpus.wav).dominantHz - 600) < 10)
    }

    @Test(arguments: [
        (["--payload-type", "100=video"], "video"),
        (["--payload-type", "95=opus"], "95=opus"),
        (["--payload-type", "abc"], "abc"),
        (["--payload-type", "100=opus", "--payload-type", "100=telemetry"], "mapped to both"),
        (["--payload-type", "100", "--payload-type", "101"], "only one type"),
    ])
    func badValuesAreUsageErrors(options: [String], named: String) throws {
        let result = try CommandRunner.jitterbug(["recv", "--listen", "127.0.0.1:9"] + options, timeoutSeconds: 20)
        #expect(result.exitCode == 2, "\(options): exit \(result.exitCode) \(result.stderr)")
        #expect(result.stderr.contains(named), "\(result.stderr)")
        #expect(result.stderr.contains("PT=opus"), "\(result.stderr)")
    }
}
