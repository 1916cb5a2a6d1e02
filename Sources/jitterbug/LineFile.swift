import Foundation
import Synchronization

/// Appends lines to a file (or stdout for "-") from any task; used for JSONL/CSV streams and
/// impairment ground-truth logs. Lines are written as they come, so memory stays flat.
final class LineFile: Sendable {
    private let handle: Mutex<FileHandle>
    let path: String

    init(path: String) throws {
        self.path = path
        if path == "-" {
            handle = Mutex(FileHandle.standardOutput)
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let opened = FileHandle(forWritingAtPath: path)
        else {
            throw RuntimeError("cannot write '\(path)': check the directory exists and is writable")
        }
        handle = Mutex(opened)
    }

    func write(_ line: String) {
        handle.withLock { _ = try? $0.write(contentsOf: Data((line + "\n").utf8)) }
    }

    func close() {
        guard path != "-" else { return }
        handle.withLock { try? $0.close() }
    }
}
