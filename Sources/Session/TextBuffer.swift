import Synchronization

/// Collects everything written to its ``output`` in memory (tests, summaries assembled before
/// printing). Thread-safe through a mutex.
public final class TextBuffer: Sendable {
    private let storage = Mutex("")

    public init() {}

    /// All text written so far.
    public var text: String { storage.withLock { $0 } }

    /// The text split into lines (a trailing newline does not add an empty line).
    public var lines: [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    /// An output appending to this buffer.
    public var output: TextOutput {
        TextOutput { [self] chunk in storage.withLock { $0 += chunk } }
    }
}
