import Foundation
import Media

/// What a WAV file holds, measured the same way for every test.
struct WAVCheck {
    var format: AudioFormat
    var frames: Int
    var dominantHz: Double

    init(path: String) throws {
        let reader = try AudioFileReader(path: path, requireOpusFormat: false)
        let samples = try reader.readAll()
        format = reader.format
        frames = samples.count / max(1, reader.format.channels)
        dominantHz = SignalAnalysis.dominantFrequency(samples: samples, format: reader.format)
    }

    init(data: Data) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wavcheck-\(UUID().uuidString).wav").path
        try data.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try self.init(path: path)
    }

    var seconds: Double { Double(frames) / Double(format.sampleRate) }
}

/// Reads a JSON object written by `--json`.
func readJSONObject(_ path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
}
