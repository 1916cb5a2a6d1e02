import Foundation
import JitterbugTestSupport
import Testing

@testable import Media

/// Time-scaling on real speech: espeak-ng's output resampled to 48 kHz by ffmpeg. Skipped when
/// either tool is missing.
@Suite struct TimeScalerSpeechTests {
    /// Runs `program arguments` and waits; throws on a non-zero exit.
    static func run(_ program: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("\(program) exited \(process.terminationStatus)") }
    }

    /// Little-endian 16-bit samples of a raw file.
    static func readRaw(_ path: String) throws -> [Int16] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return stride(from: 0, to: data.count - 1, by: 2).map { Int16(bitPattern: UInt16(data[$0]) | UInt16(data[$0 + 1]) << 8) }
    }

    @Test func speechDurationChangesByExactlyTheReportedSamples() throws {
        guard let espeak = ExternalProgram.which("espeak-ng"), let ffmpeg = ExternalProgram.which("ffmpeg"),
            let ffprobe = ExternalProgram.which("ffprobe")
        else { return }
        let directory = try TemporaryDirectory.create(prefix: "timescale-speech")
        defer { try? FileManager.default.removeItem(at: directory) }
        let wav = directory.appendingPathComponent("speech.wav").path
        let raw = directory.appendingPathComponent("speech.raw").path
        let out = directory.appendingPathComponent("scaled.raw").path
        try Self.run(espeak, ["-w", wav, "The quick brown fox jumps over the lazy dog. A jitter buffer should not click."])
        try Self.run(ffmpeg, ["-y", "-loglevel", "error", "-i", wav, "-ar", "48000", "-ac", "1", "-f", "s16le", raw])
        let input = try Self.readRaw(raw)
        #expect(input.count > 48000)

        // Accelerate every other 20 ms block, expand every fourth: as a buffer tracking a target.
        var scaler = TimeScaler(sampleRate: 48000, channels: 1, maximumBlockSamples: 960)
        var output: [Int16] = [], removed = 0, inserted = 0, declined = 0, quiet = 0, periodic = 0
        var start = 0, index = 0
        while start + 960 <= input.count {
            var block = Array(input[start..<(start + 960)])
            let result: TimeScaleResult? =
                index % 2 == 0 ? scaler.accelerate(&block) : index % 4 == 1 ? scaler.preemptiveExpand(&block) : nil
            if let result {
                if index % 2 == 0 { removed += result.samplesPerChannel } else { inserted += result.samplesPerChannel }
                switch result.reason {
                case .quiet: quiet += 1
                case .periodic: periodic += 1
                case nil: declined += 1
                }
            }
            output += block
            start += 960
            index += 1
        }
        let processed = start
        #expect(output.count == processed - removed + inserted)
        // Voiced speech is spliced, silence is spliced, the rest is declined: all three occur.
        #expect(periodic > 0 && quiet > 0 && declined > 0, "periodic \(periodic) quiet \(quiet) declined \(declined)")
        #expect(removed > inserted)

        // ffprobe's duration of the written output equals the input's minus the net adjustment.
        let bytes = output.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] }
        try Data(bytes).write(to: URL(fileURLWithPath: out))
        let probe = Process()
        let pipe = Pipe()
        probe.executableURL = URL(fileURLWithPath: ffprobe)
        probe.arguments = [
            "-v", "error", "-f", "s16le", "-ar", "48000", "-ac", "1", "-show_entries", "format=duration",
            "-of", "default=noprint_wrappers=1:nokey=1", out,
        ]
        probe.standardOutput = pipe
        try probe.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        probe.waitUntilExit()
        let seconds = try #require(Double(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        let expected = Double(processed - removed + inserted) / 48000
        #expect(abs(seconds - expected) < 0.0005, "ffprobe \(seconds) s, expected \(expected) s")
    }
}
