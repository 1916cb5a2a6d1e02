import Foundation
import Glibc
import Testing

@testable import Media

/// Writing WAV to non-seekable outputs, and interop of the streamed header.
@Suite struct PipeWriterTests {
    /// Writes `samples` through a `WAVWriter` on a pipe and returns the bytes that came out.
    static func writeThroughPipe(_ samples: [Int16], format: AudioFormat) throws -> [UInt8] {
        let pipe = try TestPipe()
        let drained = drain(pipe.readEnd)
        let writer = try WAVWriter(fileDescriptor: pipe.writeEnd, format: format, closeWhenDone: true)
        #expect(writer.isStreaming)
        try writer.write(samples)
        #expect(writer.framesWritten == samples.count / format.channels)
        try writer.close()
        try writer.close()
        return try #require(drained())
    }

    @Test func streamedHeaderIsCanonical() throws {
        let format = AudioFormat(sampleRate: 24000, channels: 2)
        let bytes = try Self.writeThroughPipe([1, -1, 2, -2], format: format)
        #expect(bytes.count == 44 + 8)
        #expect(Array(bytes[0..<4]) == Array("RIFF".utf8))
        #expect(Array(bytes[4..<8]) == [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(Array(bytes[8..<16]) == Array("WAVEfmt ".utf8))
        // fmt: size 16, PCM (1), 2 channels, 24000 Hz, 96000 B/s, block 4, 16 bits.
        let fmt = uint32LE(16) + uint16LE(1) + uint16LE(2) + uint32LE(24000) + uint32LE(96000) + uint16LE(4)
            + uint16LE(16)
        #expect(Array(bytes[16..<36]) == fmt)
        #expect(Array(bytes[36..<44]) == Array("data".utf8) + [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(samplesFromLittleEndian(bytes[44...]) == [1, -1, 2, -2])
    }

    @Test func streamedWAVReadsBackThroughOurReader() throws {
        var tone = ToneSource(frequencyHz: 440, durationSeconds: 1, format: .opusMono)
        let samples = try tone.readAll()
        let bytes = try Self.writeThroughPipe(samples, format: .opusMono)
        let (reader, read) = try PipeReaderTests.readPipe(bytes)
        #expect(reader.format == .opusMono)
        #expect(read == samples)
    }

    @Test func streamedWAVSavedToAFileIsReadable() throws {
        // e.g. `jitterbug … - | tee out.wav`: the file keeps the 0xFFFFFFFF sizes.
        let path = temporaryPath()
        defer { removeTemporary(path) }
        let samples: [Int16] = (0..<1600).map { Int16(truncatingIfNeeded: $0 * 41) }
        let bytes = try Self.writeThroughPipe(samples, format: AudioFormat(sampleRate: 8000, channels: 1))
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try AudioFileReader(path: path)
        #expect(reader.declaredFrames == 1600)
        #expect(try reader.readAll() == samples)
        reader.close()
        reader.close()
        #expect(try reader.read(frames: 10) == nil)
    }

    @Test func seekableDescriptorGetsAFinishedHeader() throws {
        let path = temporaryPath()
        defer { removeTemporary(path) }
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        try #require(fd >= 0)
        let writer = try WAVWriter(fileDescriptor: fd, format: .opusMono, closeWhenDone: true)
        #expect(!writer.isStreaming)
        try writer.write([Int16](repeating: 7, count: 480))
        try writer.close()
        let reader = try AudioFileReader(path: path)
        #expect(reader.declaredFrames == 480)
        #expect(try reader.readAll() == [Int16](repeating: 7, count: 480))
    }

    @Test(.enabled(if: ffmpegPath != nil)) func ffmpegAcceptsStreamedWAV() throws {
        let format = AudioFormat(sampleRate: 16000, channels: 2)
        var tone = ToneSource(frequencyHz: 1500, durationSeconds: 0.5, format: format)
        let samples = try tone.readAll()
        let bytes = try Self.writeThroughPipe(samples, format: format)

        // ffmpeg reads the streamed WAV from its stdin and emits the raw samples it decoded.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpegPath ?? "/usr/bin/ffmpeg")
        process.arguments = ["-v", "error", "-f", "wav", "-i", "pipe:0", "-f", "s16le", "-c:a", "pcm_s16le", "pipe:1"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let fed = feed(bytes, to: dup(input.fileHandleForWriting.fileDescriptor))
        try input.fileHandleForWriting.close()
        let decoded = try #require(drain(dup(output.fileHandleForReading.fileDescriptor))())
        process.waitUntilExit()
        #expect(fed() == true)
        let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "ffmpeg: \(messages)")
        #expect(samplesFromLittleEndian(decoded[...]) == samples)
    }
}
