/// pcapng: blocks of (type, total length, body, total length). Section header blocks set the
/// byte order (each section may differ); interface description blocks give each interface its
/// link type and timestamp resolution (`if_tsresol`, both the 10^-n and 2^-n forms) and offset
/// (`if_tsoffset`). Packets come in enhanced (EPB), simple (SPB: interface 0, no timestamp —
/// the previous record's time is used and the block counted) and obsolete packet blocks.
/// Other blocks (name resolution, statistics, decryption secrets, custom) are skipped by length.
struct PcapngFormat {
    static let sectionHeaderType: UInt32 = 0x0a0d_0d0a
    static let byteOrderMagic: UInt32 = 0x1a2b_3c4d

    private var bigEndian = false
    /// Interfaces of the current section.
    private var interfaces: [PcapngInterface] = []
    /// Interfaces of the file so far (all sections).
    private var fileInterfaces = 0
    /// Timestamp of the previous packet record (for simple packet blocks).
    private var previousNanoseconds: Int64 = 0

    /// Whether the input starts with a section header block.
    static func recognizes(_ input: ByteInput) -> Bool {
        input.uint32(at: input.start, bigEndian: true) == sectionHeaderType
    }

    /// The next packet record, or nil at the end of the file (a block cut by the end is counted
    /// in `truncatedRecords`).
    /// - Throws: ``CaptureError/malformed(path:offset:reason:)`` for a block length below 12 or
    ///   beyond ``CaptureLimits/maxRecordBytes``, or a section header with an unknown byte-order
    ///   magic or major version.
    mutating func nextRecord(_ input: inout ByteInput, counters: inout CaptureCounters) throws(CaptureError) -> CaptureRecord? {
        while true {
            guard try input.ensure(12) else { return endOfFile(&input, &counters) }
            var index = input.start
            let type = input.uint32(at: index, bigEndian: bigEndian)
            if type == Self.sectionHeaderType {
                // The byte order of the new section is in the block itself.
                switch input.uint32(at: index + 8, bigEndian: true) {
                case Self.byteOrderMagic: bigEndian = true
                case Self.byteOrderMagic.byteSwapped: bigEndian = false
                default: throw .malformed(path: input.name, offset: input.offset, reason: "pcapng section header with an unknown byte-order magic")
                }
            }
            let length = Int(input.uint32(at: index + 4, bigEndian: bigEndian))
            guard length >= 12, length <= CaptureLimits.maxRecordBytes else {
                throw .malformed(
                    path: input.name, offset: input.offset,
                    reason: "pcapng block length \(length) bytes is outside 12...\(CaptureLimits.maxRecordBytes)")
            }
            guard try input.ensure(length) else { return endOfFile(&input, &counters) }
            index = input.start
            if input.uint32(at: index + length - 4, bigEndian: bigEndian) != UInt32(length) { counters.badBlockTrailers += 1 }
            let bodyEnd = index + length - 4
            defer { input.consume(length) }
            switch type {
            case Self.sectionHeaderType:
                guard length >= 28 else {
                    throw .malformed(path: input.name, offset: input.offset, reason: "pcapng section header of \(length) bytes (at least 28)")
                }
                let major = input.uint16(at: index + 12, bigEndian: bigEndian)
                guard major == 1 else {
                    throw .malformed(path: input.name, offset: input.offset, reason: "pcapng major version \(major) (only 1 is known)")
                }
                counters.sections += 1
                interfaces.removeAll(keepingCapacity: true)
            case 1:
                readInterface(input.bytes, from: index, bodyEnd: bodyEnd, counters: &counters)
            case 6, 2:  // Enhanced packet block; the obsolete packet block differs only in a 16-bit interface ID.
                guard length >= 32 else { counters.malformedBlocks += 1; continue }
                let interfaceID = type == 6
                    ? Int(input.uint32(at: index + 8, bigEndian: bigEndian))
                    : Int(input.uint16(at: index + 8, bigEndian: bigEndian))
                let high = UInt64(input.uint32(at: index + 12, bigEndian: bigEndian))
                let low = UInt64(input.uint32(at: index + 16, bigEndian: bigEndian))
                let captured = Int(input.uint32(at: index + 20, bigEndian: bigEndian))
                let original = Int(input.uint32(at: index + 24, bigEndian: bigEndian))
                if let record = packet(
                    interfaceID: interfaceID, units: high << 32 | low, dataStart: index + 28,
                    captured: captured, original: original, bodyEnd: bodyEnd, counters: &counters)
                {
                    return record
                }
            case 3:  // Simple packet block: interface 0, no timestamp.
                guard length >= 16 else { counters.malformedBlocks += 1; continue }
                counters.records += 1
                counters.simplePacketBlocks += 1
                let original = Int(input.uint32(at: index + 8, bigEndian: bigEndian))
                guard let interface = interfaces.first else { counters.unknownInterface += 1; continue }
                var captured = min(original, bodyEnd - (index + 12))
                if interface.snapLength > 0 { captured = min(captured, interface.snapLength) }
                return CaptureRecord(
                    dataStart: index + 12, capturedLength: captured, originalLength: original,
                    timestampNanoseconds: previousNanoseconds, linkType: interface.linkType,
                    interfaceIndex: interface.fileIndex)
            case 0x0000_0bad, 0x4000_0bad, 9:
                // Custom and systemd journal blocks: Wireshark shows them as frames, so they
                // take a frame number (counted in `records` and `otherBlocks`).
                counters.records += 1
                counters.otherBlocks += 1
            default:
                counters.otherBlocks += 1
            }
        }
    }

    /// A packet record of an EPB or OPB, counted in `records`; nil (counted) when the interface
    /// is unknown or the captured length overruns the block.
    private mutating func packet(
        interfaceID: Int, units: UInt64, dataStart: Int, captured: Int, original: Int, bodyEnd: Int,
        counters: inout CaptureCounters
    ) -> CaptureRecord? {
        counters.records += 1
        guard captured <= bodyEnd - dataStart else {
            counters.malformedBlocks += 1
            return nil
        }
        guard interfaceID < interfaces.count else {
            counters.unknownInterface += 1
            return nil
        }
        let interface = interfaces[interfaceID]
        let nanoseconds = interface.nanoseconds(units)
        previousNanoseconds = nanoseconds
        return CaptureRecord(
            dataStart: dataStart, capturedLength: captured, originalLength: original,
            timestampNanoseconds: nanoseconds, linkType: interface.linkType, interfaceIndex: interface.fileIndex)
    }

    /// Adds the interface of an IDB whose block starts at `start` (options parsed up to `bodyEnd`).
    private mutating func readInterface(_ bytes: [UInt8], from start: Int, bodyEnd: Int, counters: inout CaptureCounters) {
        guard bodyEnd - start >= 16, fileInterfaces < CaptureLimits.maxInterfaces else {
            counters.malformedBlocks += 1
            return
        }
        counters.interfaces += 1
        var interface = PcapngInterface(
            linkType: Int(bytes.uint16(at: start + 8, bigEndian: bigEndian)),
            snapLength: Int(bytes.uint32(at: start + 12, bigEndian: bigEndian)), fileIndex: fileInterfaces)
        fileInterfaces += 1
        var option = start + 16
        while option + 4 <= bodyEnd {
            let code = bytes.uint16(at: option, bigEndian: bigEndian)
            let length = Int(bytes.uint16(at: option + 2, bigEndian: bigEndian))
            let value = option + 4
            guard code != 0, value + length <= bodyEnd else { break }
            if code == 9, length >= 1 {
                if let scale = TimestampScale(tsresol: bytes[value]) { interface.scale = scale }
            } else if code == 14, length >= 8 {
                let high = UInt64(bytes.uint32(at: value, bigEndian: bigEndian))
                let low = UInt64(bytes.uint32(at: value + 4, bigEndian: bigEndian))
                let seconds = Int64(bitPattern: bigEndian ? high << 32 | low : low << 32 | high)
                let (nanoseconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
                interface.offsetNanoseconds = overflow ? 0 : nanoseconds
            }
            option = value + (length + 3) & ~3
        }
        interfaces.append(interface)
    }

    private func endOfFile(_ input: inout ByteInput, _ counters: inout CaptureCounters) -> CaptureRecord? {
        if input.available > 0 { counters.truncatedRecords += 1 }
        input.consumeAll()
        return nil
    }
}
