import Foundation

/// Where report text goes: a closure, a file handle, standard output, or a file by path where
/// "-" means standard output. Writes are synchronous and unbuffered beyond the sink's own.
public struct TextOutput: Sendable {
    private let sink: @Sendable (String) -> Void

    /// Wraps a closure receiving each chunk of text.
    public init(_ sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
    }

    /// Writes UTF-8 to `fileHandle`; write errors (e.g. a closed pipe) are ignored so reporting
    /// never takes the stream down.
    public init(fileHandle: FileHandle) {
        self.init { text in try? fileHandle.write(contentsOf: Data(text.utf8)) }
    }

    /// Standard output.
    public static var standardOutput: TextOutput { TextOutput(fileHandle: .standardOutput) }

    /// Standard error.
    public static var standardError: TextOutput { TextOutput(fileHandle: .standardError) }

    /// Drops everything.
    public static var discard: TextOutput { TextOutput { _ in } }

    /// Opens `path` for writing, creating or truncating it; "-" means standard output.
    /// - Throws: `CocoaError` when the file cannot be created or opened.
    public static func open(path: String) throws -> TextOutput {
        if path == "-" { return .standardOutput }
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        return TextOutput(fileHandle: try FileHandle(forWritingTo: URL(fileURLWithPath: path)))
    }

    /// Writes `text` as is.
    public func write(_ text: String) { sink(text) }

    /// Writes `line` followed by "\n".
    public func writeLine(_ line: String) { sink(line + "\n") }
}
