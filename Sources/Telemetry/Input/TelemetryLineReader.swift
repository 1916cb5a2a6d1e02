/// Reads UTF-8 text lines from a file descriptor (or an in-memory string), counting line
/// numbers for error messages. `\n` and `\r\n` both end a line.
///
/// Uses plain read(2) so lines arriving on a pipe (JSON Lines on stdin) are returned as soon
/// as they are complete rather than after a large buffer fills.
public struct TelemetryLineReader: Sendable {
    /// Bytes requested per read(2).
    static let chunkBytes = 64 * 1024

    /// Name used in errors: the path as given, or `stdin`.
    public let sourceName: String
    /// 1-based number of the line last returned (0 before the first).
    public private(set) var lineNumber = 0
    private let descriptor: TelemetryFileDescriptor?
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd: Bool

    /// Lines from an open descriptor.
    public init(descriptor: TelemetryFileDescriptor, sourceName: String) {
        self.descriptor = descriptor
        self.sourceName = sourceName
        atEnd = false
    }

    /// Lines from `path` (`-` means standard input, named `stdin`).
    public init(path: String) throws(TelemetryInputError) {
        if path == "-" {
            self.init(descriptor: .standardInput, sourceName: "stdin")
        } else {
            self.init(descriptor: try TelemetryFileDescriptor.open(readingFrom: path), sourceName: path)
        }
    }

    /// Lines of `text` (tests, `--input` given inline).
    public init(text: String, sourceName: String) {
        descriptor = nil
        self.sourceName = sourceName
        buffer = Array(text.utf8)
        atEnd = true
    }

    /// The next line without its terminator, or `nil` at end of input.
    public mutating func nextLine() throws(TelemetryInputError) -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                return try take(upTo: newline, consumed: newline + 1)
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                return try take(upTo: buffer.count, consumed: buffer.count)
            }
            try fill()
        }
    }

    private mutating func fill() throws(TelemetryInputError) {
        guard let descriptor else {
            atEnd = true
            return
        }
        // Drop consumed bytes before growing the buffer.
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        switch descriptor.read(appendingTo: &buffer, count: Self.chunkBytes) {
        case .success(let count): if count == 0 { atEnd = true }
        case .failure(let error):
            throw TelemetryInputError(source: sourceName, line: lineNumber + 1, problem: .readFailed(errno: error.errno))
        }
    }

    private mutating func take(upTo end: Int, consumed: Int) throws(TelemetryInputError) -> String {
        var lineEnd = end
        if lineEnd > start, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        let bytes = buffer[start..<lineEnd]
        start = consumed
        lineNumber += 1
        guard let line = String(validating: bytes, as: UTF8.self) else {
            throw TelemetryInputError(source: sourceName, line: lineNumber, problem: .notUTF8)
        }
        return line
    }
}
