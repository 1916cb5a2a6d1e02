import Media
import Synchronization

/// Writes decoded audio to a WAV file or stdout, opened on the first samples (when the stream's
/// format is known). Thread-safe: the receiver's playout task writes, the command closes.
final class WAVSink: Sendable {
    private let path: String?
    private let writer = Mutex<WAVWriter?>(nil)

    /// `path` nil discards the audio; "-" writes to stdout.
    init(path: String?) { self.path = path }

    func write(_ samples: [Int16], format: AudioFormat) throws {
        guard let path else { return }
        try writer.withLock { writer in
            if writer == nil {
                writer = path == "-"
                    ? try WAVWriter(fileDescriptor: 1, format: format, name: "stdout")
                    : try WAVWriter(path: path, format: format)
            }
            try writer?.write(samples)
        }
    }

    func close() throws {
        try writer.withLock { try $0?.close() }
    }
}
