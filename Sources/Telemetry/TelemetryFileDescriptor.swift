#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns a file descriptor and closes it when the last reference goes away.
///
/// Sendable without `@unchecked`: a final class whose only stored properties are immutable
/// `Sendable` values.
public final class TelemetryFileDescriptor: Sendable {
    public let rawValue: Int32
    private let closesOnDeinit: Bool

    /// Wraps `rawValue`; `closesOnDeinit` is false for descriptors the process does not own
    /// (standard input).
    public init(rawValue: Int32, closesOnDeinit: Bool) {
        self.rawValue = rawValue
        self.closesOnDeinit = closesOnDeinit
    }

    /// Opens `path` read-only. Throws ``TelemetryInputError`` (line 0) naming the path.
    public static func open(readingFrom path: String) throws(TelemetryInputError) -> TelemetryFileDescriptor {
        #if canImport(Glibc)
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        #else
        let fd = Darwin.open(path, O_RDONLY | O_CLOEXEC)
        #endif
        guard fd >= 0 else { throw TelemetryInputError(source: path, line: 0, problem: .readFailed(errno: errno)) }
        return TelemetryFileDescriptor(rawValue: fd, closesOnDeinit: true)
    }

    /// Creates or truncates `path` for writing (mode 0644). Throws ``TelemetryOutputError``.
    public static func open(writingTo path: String) throws(TelemetryOutputError) -> TelemetryFileDescriptor {
        #if canImport(Glibc)
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        #else
        let fd = Darwin.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        #endif
        guard fd >= 0 else { throw TelemetryOutputError(destination: path, errno: errno) }
        return TelemetryFileDescriptor(rawValue: fd, closesOnDeinit: true)
    }

    /// Standard output; never closed by this wrapper.
    public static var standardOutput: TelemetryFileDescriptor {
        TelemetryFileDescriptor(rawValue: STDOUT_FILENO, closesOnDeinit: false)
    }

    /// Standard input; never closed by this wrapper.
    public static var standardInput: TelemetryFileDescriptor {
        TelemetryFileDescriptor(rawValue: STDIN_FILENO, closesOnDeinit: false)
    }

    /// One read(2) of at most `count` bytes into `buffer` (appending); returns bytes read,
    /// 0 at end of file. Retries on EINTR.
    func read(appendingTo buffer: inout [UInt8], count: Int) -> Result<Int, TelemetryReadError> {
        var chunk = [UInt8](repeating: 0, count: count)
        while true {
            let got = chunk.withUnsafeMutableBytes { raw in
                #if canImport(Glibc)
                Glibc.read(rawValue, raw.baseAddress, count)
                #else
                Darwin.read(rawValue, raw.baseAddress, count)
                #endif
            }
            if got >= 0 {
                buffer.append(contentsOf: chunk[0..<got])
                return .success(got)
            }
            if errno != EINTR { return .failure(TelemetryReadError(errno: errno)) }
        }
    }

    /// Writes all of `bytes`, retrying short writes and EINTR; returns errno on failure.
    func writeAll(_ bytes: [UInt8]) -> Int32? {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.write(rawValue, raw.baseAddress.map { $0 + written }, bytes.count - written)
                #else
                Darwin.write(rawValue, raw.baseAddress.map { $0 + written }, bytes.count - written)
                #endif
            }
            if result >= 0 {
                written += result
            } else if errno != EINTR {
                return errno
            }
        }
        return nil
    }

    deinit {
        if closesOnDeinit { _ = close(rawValue) }
    }
}
