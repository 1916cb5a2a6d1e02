/// The classic pcap format: a 24-byte file header (magic a1b2c3d4 for microsecond or
/// a1b23c4d for nanosecond timestamps, in the writer's byte order) and 16-byte record headers.
struct PcapFormat {
    /// Whether the file's integers are big-endian.
    let bigEndian: Bool
    /// Whether the timestamp fraction is nanoseconds (else microseconds).
    let nanosecond: Bool
    /// LINKTYPE_ value (the low 16 bits of the header's field; the FCS bits above are ignored).
    let linkType: Int

    static let headerBytes = 24
    static let recordHeaderBytes = 16

    /// Reads the file header, or returns nil when the magic number is not pcap's.
    init?(header input: ByteInput) {
        let index = input.start
        switch input.uint32(at: index, bigEndian: true) {
        case 0xa1b2_c3d4: (bigEndian, nanosecond) = (true, false)
        case 0xd4c3_b2a1: (bigEndian, nanosecond) = (false, false)
        case 0xa1b2_3c4d: (bigEndian, nanosecond) = (true, true)
        case 0x4d3c_b2a1: (bigEndian, nanosecond) = (false, true)
        default: return nil
        }
        linkType = Int(input.uint32(at: index + 20, bigEndian: bigEndian) & 0xffff)
    }

    /// Whether the first 4 bytes are a pcap magic number (for a header cut short).
    static func hasMagic(_ input: ByteInput) -> Bool {
        [0xa1b2_c3d4, 0xd4c3_b2a1, 0xa1b2_3c4d, 0x4d3c_b2a1].contains(input.uint32(at: input.start, bigEndian: true))
    }

    /// The next record, or nil at the end of the file (a record cut by the end is counted in
    /// `truncatedRecords`).
    /// - Throws: ``CaptureError/malformed(path:offset:reason:)`` for a captured length beyond
    ///   ``CaptureLimits/maxRecordBytes``.
    @inline(__always)
    func nextRecord(_ input: inout ByteInput, counters: inout CaptureCounters) throws(CaptureError) -> CaptureRecord? {
        guard try input.ensure(Self.recordHeaderBytes) else { return endOfFile(&input, &counters) }
        let header = input.start
        let seconds = input.uint32(at: header, bigEndian: bigEndian)
        let fraction = input.uint32(at: header + 4, bigEndian: bigEndian)
        let captured = Int(input.uint32(at: header + 8, bigEndian: bigEndian))
        let original = Int(input.uint32(at: header + 12, bigEndian: bigEndian))
        guard captured <= CaptureLimits.maxRecordBytes else {
            throw .malformed(
                path: input.name, offset: input.offset,
                reason: "record length \(captured) bytes is beyond the \(CaptureLimits.maxRecordBytes)-byte limit")
        }
        guard try input.ensure(Self.recordHeaderBytes + captured) else { return endOfFile(&input, &counters) }
        let index = input.start  // `ensure` may have moved the bytes to the front of the buffer.
        let nanoseconds = Int64(seconds) * 1_000_000_000 + Int64(fraction) * (nanosecond ? 1 : 1_000)
        input.consume(Self.recordHeaderBytes + captured)
        return CaptureRecord(
            dataStart: index + Self.recordHeaderBytes, capturedLength: captured, originalLength: original,
            timestampNanoseconds: nanoseconds, linkType: linkType, interfaceIndex: 0)
    }

    private func endOfFile(_ input: inout ByteInput, _ counters: inout CaptureCounters) -> CaptureRecord? {
        if input.available > 0 { counters.truncatedRecords += 1 }
        input.consumeAll()
        return nil
    }
}
