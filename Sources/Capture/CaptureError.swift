/// Why a capture could not be read at all (per-record problems are counted, not thrown).
public enum CaptureError: Error, Equatable, Sendable {
    case cannotOpen(path: String, reason: String)
    case unrecognizedFormat(path: String)
    case malformed(path: String, offset: Int64, reason: String)
}
