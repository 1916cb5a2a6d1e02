/// Why a capture could not be read at all (per-record problems are counted in
/// ``CaptureCounters``, not thrown).
public enum CaptureError: Error, Equatable, Sendable {
    /// The file could not be opened (missing, no permission, a directory).
    case cannotOpen(path: String, reason: String)
    /// The first bytes are not a pcap, pcapng or gzip magic number.
    case unrecognizedFormat(path: String)
    /// The file is damaged so that reading cannot go on: a length field beyond 64 MiB or below
    /// a block's minimum, an unknown pcapng byte-order magic or major version, a corrupt gzip
    /// stream, a read error. `offset` is the byte position (in the decompressed stream for gzip).
    case malformed(path: String, offset: Int64, reason: String)
}
