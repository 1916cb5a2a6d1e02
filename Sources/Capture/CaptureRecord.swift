/// One packet record of a capture file, before decoding: where its bytes are in the reader's
/// buffer and what the file says about it.
struct CaptureRecord {
    /// Index of the first captured byte in ``ByteInput/bytes``.
    var dataStart: Int
    /// Bytes captured (pcap `incl_len`, pcapng captured length).
    var capturedLength: Int
    /// Bytes the packet had on the wire (larger when the snapshot length cut it).
    var originalLength: Int
    /// Nanoseconds since the Unix epoch.
    var timestampNanoseconds: Int64
    /// pcap LINKTYPE_ value of the interface.
    var linkType: Int
    /// Interface number (0 for pcap; pcapng IDBs counted across sections).
    var interfaceIndex: Int

    /// Whether the snapshot length cut the packet.
    var isCut: Bool { capturedLength < originalLength }
}
