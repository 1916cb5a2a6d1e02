/// Reads UDP datagrams and RTP-over-TCP frames from a pcap or pcapng file (optionally gzip
/// compressed), streaming: memory does not grow with the file's length (one 1 MiB buffer, or
/// one record if larger, plus the TCP reassembly bounds of ``CaptureLimits``).
///
/// Formats: pcap in both byte orders with micro- or nanosecond timestamps; pcapng with several
/// sections and interfaces of different link types and timestamp resolutions (see
/// ``PcapngFormat``); gzip-compressed files of either (magic 1f 8b). Link layers: see
/// ``LinkLayer``; network and transport: see ``PacketDecoder``; TCP: see ``TCPFlow``.
///
/// Errors: `init` throws when the file cannot be opened or is not a capture; `next()` throws
/// only when the file is damaged so that reading cannot go on (a record or block length beyond
/// 64 MiB or below a block's minimum, a corrupt gzip stream, a read error). A final record cut
/// short by the end of the file is not an error: it is counted in `truncatedRecords` and
/// reading ends. Everything else is counted in ``counters`` by reason and skipped.
///
/// Order: UDP datagrams come in record order. A TCP frame comes when its stream delivers it
/// (after the segment that completes it, or, behind a gap, when the gap fills or is given up;
/// at the end of the file every stream gives up its gaps), carrying that delivery's time and
/// record number: frames of a stream stay in stream order, but may come after later records
/// of other streams.
///
/// Cost: UDP packets are returned without allocating (the payload is a slice of the reader's
/// buffer, the endpoint addresses come from a small cache); each TCP frame is copied once.
public struct CaptureReader {
    public private(set) var counters = CaptureCounters()

    private var input: ByteInput
    private let isPcapng: Bool
    private var pcap: PcapFormat?
    private var pcapng = PcapngFormat()
    private var addresses = AddressCache()
    private var tcp = TCPReassembler()
    private var tcpFinished = false

    /// Opens `path` and reads its header; throws if it is not a capture this reader knows.
    public init(path: String) throws(CaptureError) {
        try self.init(source: try RawByteSource(path: path))
    }

    /// Reads a capture held in memory (the whole file's bytes, possibly gzip-compressed);
    /// `name` stands for the path in errors.
    public init(bytes: [UInt8], name: String) throws(CaptureError) {
        try self.init(source: RawByteSource(bytes: bytes, name: name))
    }

    private init(source: RawByteSource) throws(CaptureError) {
        input = try ByteInput(source: source)
        guard try input.ensure(4) else {
            if input.available == 0 { throw .malformed(path: input.name, offset: 0, reason: "empty file") }
            throw .unrecognizedFormat(path: input.name)
        }
        if PcapngFormat.recognizes(input) {
            isPcapng = true
        } else if try input.ensure(PcapFormat.headerBytes), let format = PcapFormat(header: input) {
            isPcapng = false
            pcap = format
            input.consume(PcapFormat.headerBytes)
        } else if PcapFormat.hasMagic(input) {
            throw .malformed(path: input.name, offset: 0, reason: "pcap file header cut short (\(input.available) of 24 bytes)")
        } else {
            throw .unrecognizedFormat(path: input.name)
        }
    }

    /// The next packet, or nil at the end of the file.
    public mutating func next() throws(CaptureError) -> CapturedPacket? {
        while true {
            if let frame = tcp.nextFrame() {
                counters.packets += 1
                counters.tcpFrames += 1
                return frame
            }
            let record: CaptureRecord?
            if let pcap {
                record = try pcap.nextRecord(&input, counters: &counters)
                if record != nil { counters.records += 1 }
            } else {
                record = try pcapng.nextRecord(&input, counters: &counters)
            }
            guard let record else {
                if tcpFinished { return nil }
                tcpFinished = true
                tcp.finishAll(counters: &counters)
                continue
            }
            guard let segment = PacketDecoder.decode(input.bytes, record, counters: &counters) else { continue }
            if segment.isTCP {
                tcp.receive(
                    input.bytes, segment, record, frameNumber: counters.records, addresses: &addresses,
                    counters: &counters)
                continue
            }
            counters.packets += 1
            counters.udpDatagrams += 1
            let bytes = input.bytes
            return CapturedPacket(
                timestampNanoseconds: record.timestampNanoseconds,
                source: CaptureEndpoint(
                    address: addresses.address(bytes, at: segment.sourceAddress, isIPv6: segment.isIPv6),
                    port: segment.sourcePort),
                destination: CaptureEndpoint(
                    address: addresses.address(bytes, at: segment.destinationAddress, isIPv6: segment.isIPv6),
                    port: segment.destinationPort),
                transport: .udp, payload: bytes[segment.payloadStart..<segment.payloadEnd],
                interfaceIndex: record.interfaceIndex, frameNumber: counters.records)
        }
    }
}
