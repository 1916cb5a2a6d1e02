import Foundation
import Testing

/// `jitterbug send` → `jitterbug recv` as two processes on loopback, as a person runs them.
@Suite(.serialized) struct LoopbackCommandTests {
    @Test func threeSecondToneArrivesWholeAndInTune() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("heard.wav").path
        let summary = directory.appendingPathComponent("summary.json").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--output", output, "--until-idle", "1s", "--duration", "20s",
             "--json", summary])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--tone", "1000", "--duration", "3s"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(sender.stdout.contains("sent 150 packets"))
        let received = try receiver.finish(timeoutSeconds: 30)
        #expect(received.exitCode == 0, "\(received.stderr)")
        let wav = try WAVCheck(path: output)
        #expect(abs(wav.dominantHz - 1000) <= 2)
        let json = try readJSONObject(summary)
        // Time-scaling (#16) removes or inserts pitch periods to track the target delay; the
        // summary says how much, and the rest of the tone is all there.
        let scaling = json["playout_scaling"] as? [String: Any]
        let netScaled = ((scaling?["expand_ms"] as? Double ?? 0) - (scaling?["accelerate_ms"] as? Double ?? 0)) * 48
        #expect(abs(Double(wav.frames) - (144_000 + netScaled)) <= 960, "\(wav.frames) frames, time-scaled \(netScaled)")
        #expect(json["lost_packets"] as? Int == 0)
        #expect((json["packets"] as? Int ?? 0) >= 149)
    }

    @Test func ipv6LoopbackWorks() throws {
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "[::1]:\(port)", "--until-idle", "1s", "--duration", "15s"])
        let sender = try CommandRunner.jitterbug(["send", "--to", "[::1]:\(port)", "--tone", "440", "--duration", "1s"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        let received = try receiver.finish(timeoutSeconds: 20)
        #expect(received.exitCode == 0, "\(received.stderr)")
        #expect(received.stdout.contains("ssrc"))
        #expect(received.stdout.contains("0/"))  // nothing lost
    }

    /// `... | jitterbug send --input -` and `jitterbug recv --output - | ...`.
    @Test func stdinToStdoutPiping() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.wav").path
        try writeToneWAV(path: input, hz: 600, seconds: 1)
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--output", "-", "--until-idle", "1s", "--duration", "15s"])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--input", "-"], stdin: try Data(contentsOf: URL(fileURLWithPath: input)))
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(sender.stdout.contains("sent 50 packets"))
        let received = try receiver.finish(timeoutSeconds: 20)
        #expect(received.exitCode == 0, "\(received.stderr)")
        // Audio on stdout, the people's summary on stderr.
        #expect(received.stderr.contains("packets received"))
        let wav = try WAVCheck(data: received.stdoutData)
        #expect(abs(wav.dominantHz - 600) <= 2)
        #expect(abs(wav.frames - 48_000) <= 960)
    }

    /// Raw s16le PCM on stdin, as `arecord -f S16_LE -r 16000 -c 1 | jitterbug send --input -`.
    @Test func rawPCMOnStdin() throws {
        let samples = (0..<16_000).map { i in Int16(8000 * sin(2 * Double.pi * 500 * Double(i) / 16_000)) }
        let data = samples.withUnsafeBufferPointer { Data(buffer: $0) }
        let port = CommandRunner.freeUDPPort()
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--input", "-", "--sample-rate", "16000"], stdin: data)
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(sender.stdout.contains("sent 50 packets"))
    }
}

/// Writes a mono 48 kHz 16-bit WAV with ffmpeg-independent code (the Media target's writer).
func writeToneWAV(path: String, hz: Double, seconds: Double) throws {
    let writer = try WAVWriterBridge(path: path)
    let count = Int(48_000 * seconds)
    try writer.write((0..<count).map { i in Int16(12_000 * sin(2 * Double.pi * hz * Double(i) / 48_000)) })
    try writer.close()
}
