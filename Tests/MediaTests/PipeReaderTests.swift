import Foundation
import Glibc
import Testing

@testable import Media

/// Reading WAV and raw PCM from non-seekable descriptors (pipes, FIFOs).
@Suite struct PipeReaderTests {
    /// Reads a whole pipe fed with `bytes` on another thread.
    static func readPipe(
        _ bytes: [UInt8], rawFormat: AudioFormat? = nil, chunkFrames: Int = 960
    ) throws -> (AudioFileReader, [Int16]) {
        let pipe = try TestPipe()
        let fed = feed(bytes, to: pipe.writeEnd)
        defer { _ = fed() }
        let reader = try AudioFileReader(fileDescriptor: pipe.readEnd, rawFormat: rawFormat, closeWhenDone: true)
        var source = reader
        let samples = try readEverything(&source, chunkFrames: chunkFrames)
        return (reader, samples)
    }

    @Test func wavFileThroughPipeIsBitExact() throws {
        // 3 s of stereo noise (≈ 576 KB) is far larger than the pipe buffer and the stream's
        // retention threshold, so buffering and compaction are exercised.
        let path = temporaryPath()
        defer { removeTemporary(path) }
        var noise = NoiseSource(seed: 1, amplitudeDBFS: 0, durationSeconds: 3, format: .opusStereo)
        let samples = try noise.readAll()
        let writer = try WAVWriter(path: path, format: .opusStereo)
        try writer.write(samples)
        try writer.close()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))

        let (reader, read) = try Self.readPipe(bytes, chunkFrames: 4000)
        #expect(reader.format == .opusStereo)
        #expect(reader.encodingDescription == "WAV PCM_16")
        #expect(reader.declaredFrames == nil)
        #expect(read == samples)
    }

    @Test func chunksBeforeAndAfterDataAreHandled() throws {
        let samples: [Int16] = (0..<2000).map { Int16(truncatingIfNeeded: $0 * 37) }
        let bytes = handMadeWAV(
            format: AudioFormat(sampleRate: 16000, channels: 1), samples: samples,
            chunksBeforeData: [("LIST", Array("INFOISFT\u{5}\0\0\0test\0".utf8)), ("junk", [1, 2, 3])],
            chunksAfterData: [("id3 ", [UInt8](repeating: 0x55, count: 100))])
        let (reader, read) = try Self.readPipe(bytes)
        #expect(reader.format == AudioFormat(sampleRate: 16000, channels: 1))
        // The trailing chunk must not be decoded as audio.
        #expect(read == samples)
    }

    @Test(arguments: [UInt32(0xFFFF_FFFF), 0])
    func streamedWAVWithUnknownLengthReadsToEnd(declaredSize: UInt32) throws {
        let samples: [Int16] = (0..<48000).map { Int16(truncatingIfNeeded: $0 &* 7919) }
        let bytes = handMadeWAV(format: .opusMono, samples: samples, riffSize: declaredSize, dataSize: declaredSize)
        let (_, read) = try Self.readPipe(bytes)
        #expect(read == samples)
    }

    @Test func rawPCMOnPipe() throws {
        let samples: [Int16] = (0..<10000).map { Int16(truncatingIfNeeded: $0 * 13 - 30000) }
        // A trailing odd byte (half a sample) is dropped, not decoded.
        let (reader, read) = try Self.readPipe(littleEndianBytes(samples) + [0x7F], rawFormat: .opusStereo, chunkFrames: 999)
        #expect(reader.encodingDescription == "raw s16le")
        #expect(reader.format == .opusStereo)
        #expect(read == samples)
    }

    @Test func rawFormatIsValidatedToo() throws {
        let error = try #require(throws: MediaError.self) {
            _ = try Self.readPipe([1, 2, 3, 4], rawFormat: AudioFormat(sampleRate: 44100, channels: 1))
        }
        #expect(error.kind == .unsupportedFormat)
        #expect(error.description.contains("44100 Hz"))
    }

    @Test func nonWAVWithoutRawFormatIsAnError() throws {
        let error = try #require(throws: MediaError.self) { _ = try Self.readPipe(Array("hello, not audio".utf8)) }
        #expect(error.description.contains("not a WAV stream"))
        let empty = try #require(throws: MediaError.self) { _ = try Self.readPipe([]) }
        #expect(empty.description.contains("the input is empty"))
        let (_, read) = try Self.readPipe([], rawFormat: .opusMono)
        #expect(read.isEmpty)
    }

    @Test func truncatedWAVHeaderOnPipe() throws {
        let bytes = handMadeWAV(format: .opusMono, samples: [1, 2, 3])
        let error = try #require(throws: MediaError.self) { _ = try Self.readPipe(Array(bytes[0..<30])) }
        #expect(error.kind == .unreadable)
        #expect(error.description.contains("truncated"))
    }

    @Test func unsupportedRateOnPipeIsRejected() throws {
        let bytes = handMadeWAV(format: AudioFormat(sampleRate: 22050, channels: 1), samples: [1, 2, 3, 4])
        let error = try #require(throws: MediaError.self) { _ = try Self.readPipe(bytes) }
        #expect(error.kind == .unsupportedFormat)
        #expect(error.description.contains("22050 Hz"))
        #expect(error.description.contains("-ar 48000"))
    }

    @Test func fifoPathIsReadAsAStream() throws {
        let path = temporaryPath(".fifo")
        defer { removeTemporary(path) }
        #expect(mkfifo(path, 0o600) == 0)
        let samples: [Int16] = (0..<4800).map { Int16(truncatingIfNeeded: $0 * 5) }
        let bytes = handMadeWAV(format: .opusMono, samples: samples)
        let writerDone = onThread { () -> Bool in
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { return false }
            return feed(bytes, to: fd)() ?? false
        }
        let reader = try AudioFileReader(path: path)
        #expect(try reader.readAll() == samples)
        #expect(writerDone() == true)
    }

    @Test(.enabled(if: ffmpegPath != nil), arguments: [
        ["-c:a", "pcm_s16le"], ["-c:a", "pcm_f32le"], ["-c:a", "pcm_s24le"], ["-c:a", "pcm_s16le", "-rf64", "always"],
    ])
    func ffmpegWAVOnPipe(codecArguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpegPath ?? "/usr/bin/ffmpeg")
        process.arguments = [
            "-v", "error", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000:duration=1",
            "-ac", "2",
        ] + codecArguments + ["-f", "wav", "pipe:1"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let reader = try AudioFileReader(
            fileDescriptor: output.fileHandleForReading.fileDescriptor, rawFormat: nil, name: "ffmpeg")
        let samples = try reader.readAll()
        // Close our end first: if the reader stopped early, ffmpeg must not block on a full pipe.
        try output.fileHandleForReading.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(reader.format == .opusStereo)
        #expect(samples.count == 48000 * 2)
        #expect(abs(SignalAnalysis.dominantFrequency(samples: samples, format: reader.format) - 1000) < 0.5)
    }
}
