#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a classic pcap file (nanosecond timestamps, magic 0xa1b23c4d, link type RAW = 101:
/// every record is an IPv4 or IPv6 packet) of UDP datagrams and RFC 4571 frames, as packets
/// synthesized from their real addresses and ports (``PcapWriterPacket``).
///
/// Buffered: records collect in memory and reach the file in writes of about
/// ``bufferBytes`` (256 KiB by default), on ``flush()`` and on ``close()``. Not thread-safe and
/// blocking: the receive path uses it through ``PcapWriterQueue``, which runs it on its own
/// thread.
///
/// TCP: a connection's first frame is preceded by a SYN from the client; each frame is one
/// PSH|ACK segment (or several when a frame with its 2-byte length would overflow the IP length
/// field) whose sequence numbers advance by the bytes written, so Wireshark and tshark reassemble
/// the stream. The server's side (SYN-ACK, ACKs) is not recorded.
public final class PcapWriter {
    public let path: String
    /// Bytes collected before a write to the file.
    public let bufferBytes: Int
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var flows: [Int: PcapWriterTCPFlow] = [:]
    private var identification: UInt16 = 0
    /// Records written: UDP datagrams, TCP frames, and SYNs, all counted. (Records still in the
    /// buffer count: they reach the file on the next flush; a failed flush takes its records
    /// out of this and the counts below again.)
    public private(set) var recordsWritten = 0
    /// UDP datagrams and RFC 4571 frames written (one each, however many segments a frame took).
    public private(set) var packetsWritten = 0
    /// Their bytes: UDP payloads, RFC 4571 frames without their 2-byte length.
    public private(set) var payloadBytesWritten: Int64 = 0
    /// Bytes the file holds once flushed: global header, record headers, packets.
    public private(set) var fileBytes: Int64 = 0
    /// ``packetsWritten``, ``payloadBytesWritten`` and ``fileBytes`` as of the last successful
    /// flush: what the file really holds (a failed write loses the buffer).
    public private(set) var flushed: (packets: Int, payloadBytes: Int64, fileBytes: Int64) = (0, 0, 0)
    private var flushedRecords = 0

    /// pcap link type for raw IPv4/IPv6 packets.
    public static let linkTypeRaw: UInt32 = 101
    /// Nanosecond-resolution pcap magic.
    public static let nanosecondMagic: UInt32 = 0xA1B2_3C4D
    /// Largest record kept whole (the header's snapshot length).
    public static let snapshotLength: UInt32 = 262_144

    /// Creates (or truncates) `path` and writes the pcap global header to it at once, so an
    /// unwritable path fails here, before anything is received.
    public init(path: String, bufferBytes: Int = 256 * 1024) throws(PcapWriterError) {
        self.path = path
        self.bufferBytes = max(bufferBytes, 4096)
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: Self.systemError()) }
        buffer.reserveCapacity(self.bufferBytes + 70_000)
        append32(Self.nanosecondMagic)
        append16(2)  // version 2.4
        append16(4)
        append32(0)  // this zone: UTC
        append32(0)  // sigfigs
        append32(Self.snapshotLength)
        append32(Self.linkTypeRaw)
        fileBytes = 24
        do {
            try flush()
        } catch {
            closeDescriptor(descriptor)
            descriptor = -1
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    deinit {
        if descriptor >= 0 { closeDescriptor(descriptor) }
    }

    /// Records one UDP datagram that arrived at `timestampNanoseconds` (since the Unix epoch)
    /// from `source` to `destination` (see ``PcapWriterEndpoint/packetPair(source:destination:)``
    /// for family mismatches). A payload too long for one IP packet is cut to fit (the UDP and
    /// IP lengths then describe the cut packet; a UDP receive cannot return one that long).
    public func writeUDP(
        timestampNanoseconds: Int64, source: PcapWriterEndpoint, destination: PcapWriterEndpoint,
        payload: UnsafeRawBufferPointer
    ) throws(PcapWriterError) {
        let (source, destination) = PcapWriterEndpoint.packetPair(source: source, destination: destination)
        let limit = PcapWriterPacket.maxTransportPayload(
            ipv6: source.isIPv6, transportHeaderBytes: PcapWriterPacket.udpHeaderBytes)
        let fitted = payload.count <= limit ? payload : UnsafeRawBufferPointer(rebasing: payload[0..<limit])
        let headerAt = beginRecord(timestampNanoseconds)
        identification &+= 1
        let length = PcapWriterPacket.appendUDP(
            to: &buffer, source: source, destination: destination, payload: fitted, identification: identification)
        endRecord(headerAt: headerAt, length: length)
        packetsWritten += 1
        payloadBytesWritten += Int64(fitted.count)
        if buffer.count >= bufferBytes { try flush() }
    }

    /// Records one RFC 4571 frame (without its length prefix, 1...65 535 bytes) received on TCP
    /// connection `connectionID` from `source` (the client) to `destination` (the listener).
    public func writeTCPFrame(
        timestampNanoseconds: Int64, connectionID: Int, source: PcapWriterEndpoint, destination: PcapWriterEndpoint,
        frame: UnsafeRawBufferPointer
    ) throws(PcapWriterError) {
        let (source, destination) = PcapWriterEndpoint.packetPair(source: source, destination: destination)
        let frame = frame.count <= 65_535 ? frame : UnsafeRawBufferPointer(rebasing: frame[0..<65_535])
        var flow: PcapWriterTCPFlow
        if let known = flows[connectionID] {
            flow = known
        } else {
            flow = PcapWriterTCPFlow(connectionID: connectionID)
            segment(timestampNanoseconds, source, destination, sequence: flow.initialSequence, acknowledgment: 0,
                    flags: PcapWriterPacket.flagSYN, lengthPrefix: nil, payload: UnsafeRawBufferPointer(start: nil, count: 0))
        }
        let limit = PcapWriterPacket.maxTransportPayload(
            ipv6: source.isIPv6, transportHeaderBytes: PcapWriterPacket.tcpHeaderBytes)
        var offset = 0
        var prefix: UInt16? = UInt16(frame.count)
        repeat {
            let room = limit - (prefix == nil ? 0 : 2)
            let end = min(frame.count, offset + room)
            let chunk = UnsafeRawBufferPointer(rebasing: frame[offset..<end])
            segment(timestampNanoseconds, source, destination, sequence: flow.nextSequence,
                    acknowledgment: flow.acknowledgment, flags: PcapWriterPacket.flagPSH | PcapWriterPacket.flagACK,
                    lengthPrefix: prefix, payload: chunk)
            flow.nextSequence &+= UInt32((prefix == nil ? 0 : 2) + chunk.count)
            prefix = nil
            offset = end
        } while offset < frame.count
        flows[connectionID] = flow
        packetsWritten += 1
        payloadBytesWritten += Int64(frame.count)
        if buffer.count >= bufferBytes { try flush() }
    }

    /// Writes what the buffer holds to the file.
    public func flush() throws(PcapWriterError) {
        guard descriptor >= 0 else { return buffer.removeAll(keepingCapacity: true) }
        defer { buffer.removeAll(keepingCapacity: true) }
        let failure: String? = buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = writeDescriptor(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return Self.systemError()
                }
                offset += written
            }
            return nil
        }
        if let failure {
            // Cut a partly written record off, so the file stays readable up to the last
            // flush and holds exactly what ``flushed`` says (best effort).
            _ = ftruncate(descriptor, off_t(flushed.fileBytes))
            _ = lseek(descriptor, off_t(flushed.fileBytes), SEEK_SET)
            // The buffer is lost: so are its records, in every count.
            (packetsWritten, payloadBytesWritten, fileBytes) = flushed
            recordsWritten = flushedRecords
            throw .writeFailed(path: path, reason: failure)
        }
        flushed = (packetsWritten, payloadBytesWritten, fileBytes)
        flushedRecords = recordsWritten
    }

    /// Flushes and closes the file. Further writes only fill the buffer, which is then discarded.
    public func close() throws(PcapWriterError) {
        guard descriptor >= 0 else { return }
        defer {
            closeDescriptor(descriptor)
            descriptor = -1
        }
        try flush()
    }

    private func segment(
        _ timestampNanoseconds: Int64, _ source: PcapWriterEndpoint, _ destination: PcapWriterEndpoint,
        sequence: UInt32, acknowledgment: UInt32, flags: UInt8, lengthPrefix: UInt16?, payload: UnsafeRawBufferPointer
    ) {
        let headerAt = beginRecord(timestampNanoseconds)
        identification &+= 1
        let length = PcapWriterPacket.appendTCP(
            to: &buffer, source: source, destination: destination, sequence: sequence,
            acknowledgment: acknowledgment, flags: flags, lengthPrefix: lengthPrefix, payload: payload,
            identification: identification)
        endRecord(headerAt: headerAt, length: length)
    }

    /// Appends a record header with lengths to fill in; returns where it starts.
    private func beginRecord(_ timestampNanoseconds: Int64) -> Int {
        let stamp = max(timestampNanoseconds, 0)
        let at = buffer.count
        append32(UInt32(truncatingIfNeeded: stamp / 1_000_000_000))
        append32(UInt32(stamp % 1_000_000_000))
        append32(0)
        append32(0)
        return at
    }

    private func endRecord(headerAt: Int, length: Int) {
        put32(UInt32(length), at: headerAt + 8)
        put32(UInt32(length), at: headerAt + 12)
        recordsWritten += 1
        fileBytes += Int64(16 + length)
    }

    /// Headers are little-endian on every machine (readers tell the byte order from the magic).
    private func append32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private func append16(_ value: UInt16) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private func put32(_ value: UInt32, at index: Int) {
        withUnsafeBytes(of: value.littleEndian) { bytes in
            for (offset, byte) in bytes.enumerated() { buffer[index + offset] = byte }
        }
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

/// `close(2)`, out of reach of ``PcapWriter/close()``'s name.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}

/// `write(2)`, out of reach of the writer's own `write` methods.
private func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
