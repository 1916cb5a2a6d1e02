import Dispatch
import Foundation
import Glibc
import JitterbugTestSupport
import Synchronization
import Testing

@testable import Media

/// A fresh path in the temporary directory; the file is removed by `removeTemporary`.
func temporaryPath(_ suffix: String = ".wav") -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("media-test-\(UUID().uuidString)\(suffix)").path
}

func removeTemporary(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// A pipe whose descriptors are close-on-exec, so spawned processes (ffmpeg in other tests)
/// do not inherit a write end and keep a reader from seeing end of file.
struct TestPipe {
    let readEnd: Int32
    let writeEnd: Int32

    init() throws {
        // A reader that stops early must make the feeding thread's write fail, not kill the run.
        signal(SIGPIPE, SIG_IGN)
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw TestFailure("pipe failed: \(errno)") }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        readEnd = fds[0]
        writeEnd = fds[1]
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Holds a thread's result; `Mutex` makes the hand-off safe without `@unchecked`.
final class ResultBox<T: Sendable>: Sendable {
    let value = Mutex<T?>(nil)
}

/// Runs `body` on a dedicated thread (not the cooperative pool, which blocking pipe I/O could
/// starve on a 2-core machine) and returns a function that waits for its result.
func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) -> @Sendable () -> T? {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        let result = body()
        box.value.withLock { $0 = result }
        done.signal()
    }
    thread.start()
    return {
        done.wait()
        return box.value.withLock { $0 }
    }
}

/// Writes all `bytes` to `fd` on a background thread, then closes `fd`.
func feed(_ bytes: [UInt8], to fd: Int32) -> @Sendable () -> Bool? {
    onThread {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return Glibc.write(fd, base + offset, raw.count - offset)
            }
            if n <= 0 { break }
            offset += n
        }
        Glibc.close(fd)
        return offset == bytes.count
    }
}

/// Reads `fd` to end of file on a background thread, then closes it.
func drain(_ fd: Int32) -> @Sendable () -> [UInt8]? {
    onThread {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            out += chunk[0..<n]
        }
        Glibc.close(fd)
        return out
    }
}

/// Little-endian bytes of Int16 samples.
func littleEndianBytes(_ samples: [Int16]) -> [UInt8] {
    samples.flatMap { sample -> [UInt8] in
        let bits = UInt16(bitPattern: sample)
        return [UInt8(bits & 0xFF), UInt8(bits >> 8)]
    }
}

func samplesFromLittleEndian(_ bytes: ArraySlice<UInt8>) -> [Int16] {
    let base = bytes.startIndex
    return (0..<(bytes.count / 2)).map { i in
        Int16(bitPattern: UInt16(bytes[base + 2 * i]) | UInt16(bytes[base + 2 * i + 1]) << 8)
    }
}

func uint32LE(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
func uint16LE(_ value: UInt16) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }

/// A hand-built PCM16 WAV: `fmt `, optional chunks before `data`, `data`, optional chunks after.
func handMadeWAV(
    format: AudioFormat, samples: [Int16], riffSize: UInt32? = nil, dataSize: UInt32? = nil,
    chunksBeforeData: [(String, [UInt8])] = [], chunksAfterData: [(String, [UInt8])] = []
) -> [UInt8] {
    func chunk(_ id: String, _ body: [UInt8]) -> [UInt8] {
        Array(id.utf8) + uint32LE(UInt32(body.count)) + body + (body.count % 2 == 1 ? [0] : [])
    }
    let channels = UInt16(format.channels), rate = UInt32(format.sampleRate)
    let fmt = uint16LE(1) + uint16LE(channels) + uint32LE(rate) + uint32LE(rate * UInt32(channels) * 2)
        + uint16LE(channels * 2) + uint16LE(16)
    let data = littleEndianBytes(samples)
    var body = Array("WAVE".utf8) + chunk("fmt ", fmt)
    for (id, bytes) in chunksBeforeData { body += chunk(id, bytes) }
    body += Array("data".utf8) + uint32LE(dataSize ?? UInt32(data.count)) + data
    for (id, bytes) in chunksAfterData { body += chunk(id, bytes) }
    return Array("RIFF".utf8) + uint32LE(riffSize ?? UInt32(body.count)) + body
}

/// Reads every remaining chunk of `source` with an odd chunk size to exercise chunk handling.
func readEverything(_ source: inout some AudioSource, chunkFrames: Int = 1001) throws -> [Int16] {
    var all: [Int16] = []
    while let chunk = try source.read(frames: chunkFrames) {
        #expect(chunk.count <= chunkFrames * source.format.channels)
        #expect(chunk.count % source.format.channels == 0)
        all += chunk
    }
    return all
}

/// ffmpeg on PATH, so interop tests can be skipped on machines without it.
let ffmpegPath = ExternalProgram.which("ffmpeg")
