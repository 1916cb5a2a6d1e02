import JitterbugSupport
import ArgumentParser
import Foundation
import Media

/// Where the sender's audio comes from: a file, stdin, or a generated test signal.
struct SignalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Audio input: a WAV (or other libsndfile) file, or - for stdin (WAV, or raw s16le at --sample-rate/--channels).", valueName: "file"))
    var input: String?

    @Option(help: ArgumentHelp("What --input holds: auto (a WAV or other libsndfile file; on stdin, WAV or else raw s16le) or s16le (headerless 16-bit little-endian PCM at --sample-rate/--channels).", valueName: "format"))
    var inputFormat: InputFormat = .auto

    @Option(help: ArgumentHelp("Send a sine tone at this frequency in Hz.", valueName: "hz"))
    var tone: Double?

    @Option(help: ArgumentHelp("Send a logarithmic sweep between two frequencies in Hz.", valueName: "f0:f1"))
    var sweep: String?

    @Flag(help: "Send white noise.")
    var noise = false

    @Flag(help: "Send digital silence (with --dtx most frames are not sent at all).")
    var silence = false

    func validate() throws {
        let chosen = [input != nil, tone != nil, sweep != nil, noise, silence].filter { $0 }.count
        guard chosen <= 1 else {
            throw ValidationError("choose one of --input, --tone, --sweep, --noise, --silence")
        }
        if let tone, !(tone > 0 && tone < 24_000) {
            throw ValidationError("invalid --tone '\(tone)': expected a frequency in Hz above 0 and below 24000")
        }
        if let sweep { _ = try Self.parseSweep(sweep) }
    }

    static func parseSweep(_ text: String) throws -> (Double, Double) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let f0 = Double(parts[0]), let f1 = Double(parts[1]),
            f0 > 0, f1 > 0, f0 < 24_000, f1 < 24_000
        else {
            throw ValidationError("invalid --sweep '\(text)': expected F0:F1 in Hz, e.g. 100:8000")
        }
        return (f0, f1)
    }

    /// Builds the source. `defaultDuration` bounds generated signals when no --duration is given.
    func makeSource(format: AudioFormat, defaultDuration: Duration?) throws -> any AudioSource {
        let seconds = defaultDuration.map { Double($0.components.seconds) }
        if let input {
            // Headerless PCM only when asked for (or on stdin, which has no name to go by): a
            // text file or a truncated WAV must not be streamed as noise.
            let raw = input == "-" || inputFormat == .s16le
            do {
                return try AudioFileReader(path: input, rawFormat: raw ? format : nil, headerless: inputFormat == .s16le)
            } catch let error as MediaError where error.kind == .unreadable && !raw && FileManager.default.fileExists(atPath: input) {
                throw ValidationError(
                    "invalid --input '\(input)': not an audio file libsndfile can read (WAV, FLAC, Ogg, AIFF…) (\(error)); "
                        + "for headerless PCM add --input-format s16le")
            } catch {
                throw RuntimeError("\(error)")
            }
        }
        if let sweep {
            let (f0, f1) = try Self.parseSweep(sweep)
            return try SweepSource(startHz: f0, endHz: f1, durationSeconds: seconds ?? 10, format: format)
        }
        if noise { return NoiseSource(seed: 1, durationSeconds: seconds, format: format) }
        if silence { return SilenceSource(durationSeconds: seconds, format: format) }
        return ToneSource(frequencyHz: tone ?? 1000, durationSeconds: seconds, format: format)
    }
}

/// What `--input` holds.
enum InputFormat: String, ExpressibleByArgument, CaseIterable {
    case auto, s16le
}

/// A runtime failure (exit code 1) with a message for people.
struct RuntimeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
