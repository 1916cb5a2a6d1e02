#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif

/// The bytes of a capture as stored: an open file (closed when this goes away) or an array in
/// memory. Read sequentially in chunks.
final class RawByteSource {
    private enum Storage {
        case file(descriptor: Int32)
        case memory([UInt8])
    }

    private let storage: Storage
    /// Name for error messages (the path, or the name given to an in-memory reader).
    let name: String
    /// Bytes handed out so far.
    private(set) var offset: Int64 = 0

    /// Opens `path` for reading.
    init(path: String) throws(CaptureError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: Self.errorText(errno)) }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw .cannotOpen(path: path, reason: "is a directory")
        }
        storage = .file(descriptor: descriptor)
        name = path
    }

    /// Reads from `bytes` in memory.
    init(bytes: [UInt8], name: String) {
        storage = .memory(bytes)
        self.name = name
    }

    deinit {
        if case .file(let descriptor) = storage { close(descriptor) }
    }

    /// The whole array when the source is in memory (read in place, without copying).
    var memoryBytes: [UInt8]? {
        if case .memory(let bytes) = storage { return bytes }
        return nil
    }

    /// Fills up to `buffer.count` bytes; returns how many (0 at the end).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CaptureError) -> Int {
        guard buffer.count > 0, let base = buffer.baseAddress else { return 0 }
        switch storage {
        case .memory(let bytes):
            let count = min(buffer.count, bytes.count - Int(offset))
            guard count > 0 else { return 0 }
            let start = Int(offset)
            bytes.withUnsafeBytes { source in
                guard let from = source.baseAddress else { return }
                base.copyMemory(from: from + start, byteCount: count)
            }
            offset += Int64(count)
            return count
        case .file(let descriptor):
            while true {
                let count = systemRead(descriptor, base, buffer.count)
                if count >= 0 {
                    offset += Int64(count)
                    return count
                }
                if errno == EINTR { continue }
                throw .malformed(path: name, offset: offset, reason: "read error: \(Self.errorText(errno))")
            }
        }
    }

    /// The first `count` bytes of the file without moving the read position (fewer when the
    /// file is shorter or cannot be read at an offset).
    func peek(_ count: Int) -> [UInt8] {
        switch storage {
        case .memory(let bytes):
            return Array(bytes.prefix(count))
        case .file(let descriptor):
            var out = [UInt8](repeating: 0, count: count)
            let got = out.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, 0) }
            return Array(out.prefix(max(0, got)))
        }
    }

    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
