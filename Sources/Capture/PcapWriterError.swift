/// Why a capture file could not be written.
public enum PcapWriterError: Error, Equatable, Sendable {
    /// `open` failed (no such directory, permission denied…): `reason` is the system's text.
    case cannotOpen(path: String, reason: String)
    /// A write failed (disk full, I/O error): `reason` is the system's text.
    case writeFailed(path: String, reason: String)
}
