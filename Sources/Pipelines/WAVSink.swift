import JitterbugSupport
import Foundation
import Media
import Synchronization

/// Writes decoded audio as WAV: to one file (or stdout) for the first stream, or — when the path
/// is a directory (ends in `/` or exists as one) — one file per stream named by SSRC. Files are
/// opened on each stream's first samples, when its format is known. Thread-safe.
package final class WAVSink: Sendable {
    private let path: String?
    private let perStream: Bool
    private let writers = Mutex<(first: StreamKey?, files: [StreamKey: WAVWriter])>((nil, [:]))

    /// `path` nil discards the audio; "-" writes to stdout.
    package init(path: String?) {
        self.path = path
        self.perStream = path.map(OutputPath.isDirectory) ?? false
    }

    package func write(_ key: StreamKey, _ samples: [Int16], format: AudioFormat) throws {
        guard let path else { return }
        try writers.withLock { state in
            if state.first == nil { state.first = key }
            guard perStream || key == state.first else { return }
            if state.files[key] == nil {
                let target = perStream ? OutputPath.file(in: path, for: key, extension: "wav") : path
                state.files[key] = target == "-"
                    ? try WAVWriter(fileDescriptor: 1, format: format, name: "stdout")
                    : try WAVWriter(path: target, format: format)
            }
            try state.files[key]?.write(samples)
        }
    }

    package func close() throws {
        try writers.withLock { state in
            for writer in state.files.values { try writer.close() }
        }
    }
}
