/// Bounds that keep the reader's memory independent of the file (and of hostile input).
enum CaptureLimits {
    /// Largest pcap record or pcapng block, in bytes: 64 MiB. A larger length field means the
    /// file is damaged (it is the "4 GiB length" case): reading stops with an error.
    static let maxRecordBytes = 64 << 20
    /// pcapng interfaces kept per file; further IDBs are counted as malformed and ignored.
    static let maxInterfaces = 4_096
    /// TCP directions followed at once; beyond, the least recently used are dropped.
    static let maxTCPFlows = 65_536
    /// Out-of-order bytes held per TCP direction while waiting for a missing segment: 256 KiB.
    static let maxHeldBytesPerFlow = 256 * 1024
    /// Out-of-order bytes held over all TCP directions: 64 MiB.
    static let maxHeldBytesTotal = 64 << 20
}
