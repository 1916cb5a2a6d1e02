import JitterbugSupport
import CSndfile
import Foundation
import Testing

@testable import Media

@Suite struct WAVFileTests {
    /// Noise covering the whole Int16 range, plus the extremes, so byte order and sign are checked.
    static func fullRangeSamples(format: AudioFormat, frames: Int) throws -> [Int16] {
        var noise = NoiseSource(seed: 99, amplitudeDBFS: 0, durationSeconds: nil, format: format)
        var samples = try #require(try noise.read(frames: frames))
        samples[0] = .min
        samples[1] = .max
        return samples
    }

    @Test(arguments: [AudioFormat(sampleRate: 8000, channels: 1), AudioFormat(sampleRate: 48000, channels: 2)])
    func roundTripIsBitExact(format: AudioFormat) throws {
        let path = temporaryPath()
        defer { removeTemporary(path) }
        let samples = try Self.fullRangeSamples(format: format, frames: format.sampleRate / 2 + 3)
        let writer = try WAVWriter(path: path, format: format)
        #expect(!writer.isStreaming)
        try writer.write(Array(samples[0..<format.channels * 100]))
        try writer.write(Array(samples[(format.channels * 100)...]))
        #expect(writer.framesWritten == format.sampleRate / 2 + 3)
        try writer.close()
        try writer.close()  // idempotent

        let reader = try AudioFileReader(path: path)
        #expect(reader.format == format)
        #expect(reader.declaredFrames == format.sampleRate / 2 + 3)
        #expect(reader.encodingDescription == "WAV PCM_16")
        var source = reader
        #expect(try readEverything(&source) == samples)
        #expect(reader.framesRead == format.sampleRate / 2 + 3)
        #expect(try reader.read(frames: 10) == nil)
        // 44-byte canonical header + 2 bytes per sample.
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        #expect(size == 44 + samples.count * 2)
    }

    @Test func writerRejectsMisuse() throws {
        let path = temporaryPath()
        defer { removeTemporary(path) }
        let writer = try WAVWriter(path: path, format: .opusStereo)
        let expected = MediaError(
            .invalidArgument, "cannot write '\(path)': 3 samples is not a whole number of 2-channel frames")
        #expect(throws: expected) {
            try writer.write([1, 2, 3])
        }
        try writer.close()
        #expect(throws: MediaError.self) { try writer.write([1, 2]) }
        #expect(throws: MediaError.self) { try WAVWriter(path: path, format: AudioFormat(sampleRate: 48000, channels: 3)) }
        #expect(throws: MediaError.self) { try WAVWriter(path: "/nonexistent-dir/x.wav", format: .opusMono) }
    }

    @Test func floatWAVIsConvertedToInt16() throws {
        let path = temporaryPath()
        defer { removeTemporary(path) }
        // k/32768 is exact in Float, so the conversion must give k back; overs must saturate.
        let values: [Float] = [0, 0.5, -0.5, 1.0 / 32768, -1, 0.999969482421875, 1.5, -2, 0.25]
        var info = SF_INFO()
        info.samplerate = 16000
        info.channels = 1
        info.format = Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
        let handle = try #require(sf_open(path, Int32(SFM_WRITE), &info))
        #expect(values.withUnsafeBufferPointer { sf_writef_float(handle, $0.baseAddress, sf_count_t($0.count)) } == 9)
        sf_close(handle)

        let reader = try AudioFileReader(path: path)
        #expect(reader.encodingDescription == "WAV FLOAT")
        #expect(reader.format == AudioFormat(sampleRate: 16000, channels: 1))
        #expect(try reader.readAll() == [0, 16384, -16384, 1, -32768, 32767, 32767, -32768, 8192])
    }

    @Test func unsupportedRateIsRejectedWithAdvice() throws {
        let path = temporaryPath()
        defer { removeTemporary(path) }
        let cdFormat = AudioFormat(sampleRate: 44100, channels: 2)
        let writer = try WAVWriter(path: path, format: cdFormat)
        var tone = ToneSource(frequencyHz: 1000, durationSeconds: 0.1, format: cdFormat)
        try writer.write(try tone.readAll())
        try writer.close()

        let error = try #require(throws: MediaError.self) { try AudioFileReader(path: path) }
        #expect(error.kind == .unsupportedFormat)
        #expect(error.description.contains("cannot read '\(path)'"))
        #expect(error.description.contains("44100 Hz"))
        #expect(error.description.contains("8000, 12000, 16000, 24000, 48000"))
        #expect(error.description.contains("ffmpeg -i \(path) -ar 48000 out.wav"))
        // Analysis callers may opt out of the Opus check.
        let lenient = try AudioFileReader(path: path, requireOpusFormat: false)
        #expect(lenient.format == cdFormat)
        #expect(try lenient.readAll().count == 4410 * 2)
    }

    @Test func moreThanTwoChannelsIsRejected() throws {
        let path = temporaryPath()
        defer { removeTemporary(path) }
        var info = SF_INFO()
        info.samplerate = 48000
        info.channels = 6
        info.format = Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        let handle = try #require(sf_open(path, Int32(SFM_WRITE), &info))
        let frame = [Int16](repeating: 5, count: 6 * 10)
        _ = frame.withUnsafeBufferPointer { sf_writef_short(handle, $0.baseAddress, 10) }
        sf_close(handle)
        let error = try #require(throws: MediaError.self) { try AudioFileReader(path: path) }
        #expect(error.kind == .unsupportedFormat)
        #expect(error.description.contains("6 channels are not supported"))
    }

    @Test func missingFileNamesFileAndReason() throws {
        let error = try #require(throws: MediaError.self) { try AudioFileReader(path: "/no/such/file.wav") }
        #expect(error.kind == .unreadable)
        #expect(error.description.hasPrefix("cannot read '/no/such/file.wav': "))
        #expect(error.description.contains("No such file or directory"))
    }

    @Test func directoryIsRejected() throws {
        let error = try #require(throws: MediaError.self) { try AudioFileReader(path: "/tmp", rawFormat: .opusMono) }
        #expect(error.description == "cannot read '/tmp': Is a directory")
        #expect(throws: MediaError.self) { try WAVWriter(path: "/tmp", format: .opusMono) }
    }

    @Test func garbageFileIsRejected() throws {
        let path = temporaryPath()
        defer { removeTemporary(path) }
        var rng = SplitMix64(seed: 5)
        let garbage = (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        try Data(garbage).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: MediaError.self) { try AudioFileReader(path: path) }
        // libsndfile's own reason for SF_ERR_UNRECOGNISED_FORMAT.
        #expect(error.description == "cannot read '\(path)': Format not recognised.")
    }

    @Test func truncatedHeaderIsRejected() throws {
        let path = temporaryPath()
        defer { removeTemporary(path) }
        let full = handMadeWAV(format: .opusMono, samples: [1, 2, 3, 4])
        try Data(full[0..<30]).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: MediaError.self) { try AudioFileReader(path: path) }
        #expect(error.description.hasPrefix("cannot read '\(path)': "))
        #expect(error.description.count > "cannot read '\(path)': ".count + 5)
    }

    @Test func headerlessFileReadsAsRawWhenFormatGiven() throws {
        let path = temporaryPath(".raw")
        defer { removeTemporary(path) }
        let samples: [Int16] = (0..<960).map { Int16($0 * 30 - 14000) }
        try Data(littleEndianBytes(samples)).write(to: URL(fileURLWithPath: path))
        let reader = try AudioFileReader(path: path, rawFormat: AudioFormat(sampleRate: 16000, channels: 2))
        #expect(reader.format == AudioFormat(sampleRate: 16000, channels: 2))
        #expect(try reader.readAll() == samples)
    }
}
