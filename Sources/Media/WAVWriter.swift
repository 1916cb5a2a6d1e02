import CSndfile
import Glibc

/// Writes interleaved Int16 as a 16-bit PCM WAV to a file, stdout ("-") or a descriptor.
///
/// Regular files go through libsndfile, which fixes the header sizes on `close()`. Pipes and
/// other non-seekable outputs cannot be rewritten, so for them this type writes the canonical
/// 44-byte header itself with RIFF and data sizes 0xFFFFFFFF (the streaming convention ffmpeg,
/// sox and aplay accept) and then raw little-endian samples.
///
/// Writing to a pipe whose reader has gone raises SIGPIPE; a CLI should ignore SIGPIPE so that
/// `write` throws instead. Not Sendable: use it from one task.
public final class WAVWriter {
    public let format: AudioFormat
    /// The name used in messages: the path, or "<stdout>".
    public let name: String
    /// Frames accepted so far.
    public private(set) var framesWritten = 0
    /// True when writing the streaming (unknown-length) header to a non-seekable output.
    public let isStreaming: Bool

    private enum Sink {
        case sndfile(OpaquePointer)
        case stream(fileDescriptor: Int32, owned: Bool)
        case closed
    }

    private var sink: Sink

    /// Creates (truncating) `path`, or writes to stdout when `path` is "-".
    /// - Throws: `MediaError` for an unusable format or when the file cannot be created.
    public convenience init(path: String, format: AudioFormat) throws {
        if path == "-" {
            try self.init(fileDescriptor: STDOUT_FILENO, format: format, name: "<stdout>", closeWhenDone: false)
            return
        }
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw MediaError(.writeFailed, "cannot write '\(path)': \(String(cString: strerror(errno)))")
            }
            try self.init(fileDescriptor: fd, format: format, name: path, closeWhenDone: true)
            return
        }
        try Self.check(format, name: path)
        var sfInfo = Self.sfInfo(for: format)
        guard let handle = sf_open(path, Int32(SFM_WRITE), &sfInfo) else {
            throw MediaError(.writeFailed, "cannot write '\(path)': \(AudioFileReader.sndfileReason(nil))")
        }
        self.init(format: format, name: path, sink: .sndfile(handle), isStreaming: false)
    }

    /// Writes to an open descriptor: through libsndfile when it is a seekable regular file,
    /// otherwise as a streaming WAV (see the type docs).
    /// - Parameter closeWhenDone: close `fileDescriptor` in `close()`/deinit.
    public convenience init(
        fileDescriptor: Int32, format: AudioFormat, name: String? = nil, closeWhenDone: Bool = false
    ) throws {
        let label = name ?? "<fd \(fileDescriptor)>"
        do {
            try Self.check(format, name: label)
        } catch {
            if closeWhenDone { _ = Glibc.close(fileDescriptor) }
            throw error
        }
        var info = stat()
        let seekable = fstat(fileDescriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            && lseek(fileDescriptor, 0, SEEK_CUR) >= 0
        if seekable {
            var sfInfo = Self.sfInfo(for: format)
            guard let handle = sf_open_fd(fileDescriptor, Int32(SFM_WRITE), &sfInfo, closeWhenDone ? 1 : 0) else {
                if closeWhenDone { _ = Glibc.close(fileDescriptor) }
                throw MediaError(.writeFailed, "cannot write '\(label)': \(AudioFileReader.sndfileReason(nil))")
            }
            self.init(format: format, name: label, sink: .sndfile(handle), isStreaming: false)
        } else {
            self.init(
                format: format, name: label, sink: .stream(fileDescriptor: fileDescriptor, owned: closeWhenDone),
                isStreaming: true)
            try writeAll(WAVStreamHeader.bytes(for: format))
        }
    }

    private init(format: AudioFormat, name: String, sink: Sink, isStreaming: Bool) {
        self.format = format
        self.name = name
        self.sink = sink
        self.isStreaming = isStreaming
    }

    deinit { try? close() }

    /// Appends interleaved samples; `samples.count` must be a multiple of `format.channels`.
    /// - Throws: `MediaError(.invalidArgument)` for a partial frame, `.writeFailed` on I/O errors
    ///   or after `close()`.
    public func write(_ samples: [Int16]) throws {
        guard samples.count % format.channels == 0 else {
            throw MediaError(
                .invalidArgument,
                "cannot write '\(name)': \(samples.count) samples is not a whole number of "
                    + "\(format.channels)-channel frames")
        }
        switch sink {
        case .closed:
            throw MediaError(.writeFailed, "cannot write '\(name)': the writer is closed")
        case .sndfile(let handle):
            let written = samples.withUnsafeBufferPointer { buffer in
                Int(sf_write_short(handle, buffer.baseAddress, sf_count_t(buffer.count)))
            }
            guard written == samples.count else {
                throw MediaError(.writeFailed, "cannot write '\(name)': \(AudioFileReader.sndfileReason(handle))")
            }
        case .stream:
            var bytes = [UInt8]()
            bytes.reserveCapacity(samples.count * 2)
            for sample in samples {
                let bits = UInt16(bitPattern: sample)
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
            }
            try writeAll(bytes)
        }
        framesWritten += samples.count / format.channels
    }

    /// Finishes the file (libsndfile rewrites the header sizes) and closes an owned descriptor.
    /// Idempotent: later calls do nothing.
    public func close() throws {
        let current = sink
        sink = .closed
        switch current {
        case .closed:
            return
        case .sndfile(let handle):
            let status = sf_close(handle)
            if status != 0 {
                throw MediaError(.writeFailed, "cannot finish '\(name)': \(String(cString: sf_error_number(status)))")
            }
        case .stream(let fd, let owned):
            if owned, Glibc.close(fd) != 0 {
                throw MediaError(.writeFailed, "cannot finish '\(name)': \(String(cString: strerror(errno)))")
            }
        }
    }

    /// write(2) until every byte is out, retrying on EINTR and partial writes.
    private func writeAll(_ bytes: [UInt8]) throws {
        guard case .stream(let fd, _) = sink else { return }
        var offset = 0
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if result > 0 {
                offset += result
            } else if result < 0, errno == EINTR {
                continue
            } else {
                let reason = result < 0 ? String(cString: strerror(errno)) : "write returned 0"
                throw MediaError(.writeFailed, "cannot write '\(name)': \(reason)")
            }
        }
    }

    private static func check(_ format: AudioFormat, name: String) throws {
        guard (1...2).contains(format.channels), format.sampleRate > 0 else {
            throw MediaError(
                .invalidArgument, "cannot write '\(name)': unsupported format \(format) (mono or stereo only)")
        }
    }

    private static func sfInfo(for format: AudioFormat) -> SF_INFO {
        var info = SF_INFO()
        info.samplerate = Int32(clamping: format.sampleRate)
        info.channels = Int32(clamping: format.channels)
        info.format = Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        return info
    }
}
