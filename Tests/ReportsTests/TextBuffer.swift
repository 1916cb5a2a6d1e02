import Reports
import Synchronization

/// Collects everything written to its ``output`` in memory, for tests of the writers.
/// Thread-safe through a mutex.
final class TextBuffer: Sendable {
    private let storage = Mutex("")

    init() {}

    /// All text written so far.
    var text: String { storage.withLock { $0 } }

    /// The text split into lines (a trailing newline does not add an empty line).
    var lines: [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    /// An output appending to this buffer.
    var output: TextOutput {
        TextOutput { [self] chunk in storage.withLock { $0 += chunk } }
    }
}
