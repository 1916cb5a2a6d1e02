import RTP

/// Reassembles one direction of a TCP connection into RFC 4571 frames.
///
/// Bytes are delivered in sequence order: a segment wholly before the next expected byte is a
/// retransmission (dropped, counted), one overlapping it is trimmed (counted), one after it is
/// held (copied; at most ``CaptureLimits/maxHeldBytesPerFlow`` per direction) until the gap fills.
/// A gap that does not fill — the hold bound exceeded, or the stream ending (FIN, RST, end of
/// the file) — is given up: counted, the partial frame before it dropped, and delivery goes on
/// from the first held segment.
///
/// Each frame carries the capture time and record number of the segment that made its last
/// byte available in order: the segment that carried it, or the one that filled the gap before
/// it (a frame waiting behind a gap is delivered when the gap fills); when a gap is given up,
/// the held segment's own time.
///
/// Frames are cut with ``RFC4571Framing/step(_:)`` (the rules of ``RFC4571Deframer`` and of the
/// transport's decoder) with the RTP version check on: a frame must start with a version-2
/// byte (RTP or RTCP). After a gap, when the direction was first seen mid-stream (no SYN), or
/// after a frame that fails the check, the stream resynchronises: it scans for a 16-bit length
/// of at least 8 followed by a version-2 byte whose frame is complete and followed by another
/// such length and version-2 byte; a candidate whose frame or next header has not arrived yet is
/// waited for (frames keep their own delivery times meanwhile); at the end of the stream a
/// complete candidate frame with nothing decidable after it is accepted and an incomplete one
/// rejected. The bytes passed over are counted in `tcpSkippedBytes`. A direction that began with a SYN and whose very first
/// frame fails the check is not RTP (HTTP, TLS...): it is ignored from then on.
final class TCPFlow {
    private static let framing = RFC4571Framing(requiresRTPVersion2: true)
    /// Largest window handed to the framing rules: one maximal frame with its prefix.
    private static let window = RFC4571Framing.prefixBytes + RFC4571.maxFrameLength

    let source: CaptureEndpoint
    let destination: CaptureEndpoint
    let interfaceIndex: Int
    /// Order of last use, for eviction.
    var lastUsed: Int
    /// Set when the stream ended (FIN reached, RST): the reassembler forgets it.
    private(set) var closed = false
    /// Held bytes of this direction.
    private(set) var heldBytes = 0

    private var nextSequence: UInt32
    private var buffer: [UInt8] = []
    private var readIndex = 0
    /// Absolute stream offset of `buffer[0]`.
    private var baseOffset = 0
    /// Delivery times of the buffered bytes, in stream order, from `markIndex` on.
    private var marks: [TCPDeliveryMark] = []
    private var markIndex = 0
    /// Held segments, in sequence order.
    private var held: [TCPHeldSegment] = []
    private var synchronized: Bool
    /// Began with a SYN, no gap and no frame yet: the first frame decides whether it is RTP.
    private var atStreamStart: Bool
    private var ignored = false
    private var finSequence: UInt32?

    /// A direction first seen with a segment of sequence `sequence` (a SYN's sets the initial
    /// sequence; otherwise the stream starts mid-way, at this segment).
    init(source: CaptureEndpoint, destination: CaptureEndpoint, interfaceIndex: Int, sequence: UInt32, syn: Bool, lastUsed: Int) {
        self.source = source
        self.destination = destination
        self.interfaceIndex = interfaceIndex
        self.lastUsed = lastUsed
        nextSequence = syn ? sequence &+ 1 : sequence
        synchronized = syn
        atStreamStart = syn
    }

    /// Takes one segment; frames it completes are appended to `output` with `timestamp`.
    func receive(
        sequence: UInt32, flags: UInt8, payload: ArraySlice<UInt8>, timestamp: Int64, frameNumber: Int,
        output: inout [CapturedPacket], heldTotal: inout Int, counters: inout CaptureCounters
    ) {
        var dataSequence = sequence
        if flags & 0x02 != 0 {
            dataSequence = sequence &+ 1
            // A SYN that does not repeat this stream's own begins a new connection.
            if !(atStreamStart && dataSequence == nextSequence) {
                finish(output: &output, heldTotal: &heldTotal, counters: &counters)
                nextSequence = dataSequence
                synchronized = true
                atStreamStart = true
                ignored = false
                closed = false
                finSequence = nil
            }
        }
        if !payload.isEmpty { counters.tcpSegments += 1 }
        if !payload.isEmpty, !ignored {
            accept(dataSequence, payload, timestamp, frameNumber, &output, &heldTotal, &counters)
        }
        if flags & 0x01 != 0 { finSequence = dataSequence &+ UInt32(truncatingIfNeeded: payload.count) }
        // RST; FIN once every byte before it arrived; FIN of a stream ignored as not RTP.
        if flags & 0x04 != 0 || finSequence == nextSequence || (ignored && finSequence != nil) {
            finish(output: &output, heldTotal: &heldTotal, counters: &counters)
            closed = true
        }
    }

    /// The stream is over (end of file, RST, FIN, eviction): give up the gaps, deliver what
    /// the held segments complete, drop a partial last frame.
    func finish(output: inout [CapturedPacket], heldTotal: inout Int, counters: inout CaptureCounters) {
        while !held.isEmpty {
            skipGap(&output, &heldTotal, &counters)
        }
        deframe(final: true, &output, &counters)
        counters.tcpSkippedBytes += buffer.count - readIndex
        dropBuffered(keepingCapacity: false)
    }

    private func accept(
        _ sequence: UInt32, _ payload: ArraySlice<UInt8>, _ timestamp: Int64, _ frameNumber: Int,
        _ output: inout [CapturedPacket], _ heldTotal: inout Int, _ counters: inout CaptureCounters
    ) {
        let offset = Int(Int32(bitPattern: sequence &- nextSequence))
        if offset + payload.count <= 0 {
            counters.tcpRetransmissions += 1
            return
        }
        if offset > 0 {
            hold(TCPHeldSegment(sequence: sequence, bytes: Array(payload), timestampNanoseconds: timestamp, frameNumber: frameNumber),
                 &output, &heldTotal, &counters)
            return
        }
        if offset < 0 { counters.tcpOverlaps += 1 }
        append(payload.dropFirst(-offset), timestamp, frameNumber)
        nextSequence = sequence &+ UInt32(truncatingIfNeeded: payload.count)
        drainHeld(timestamp, frameNumber, &heldTotal, &counters, ownTimestamps: false)
        deframe(final: false, &output, &counters)
    }

    private func hold(
        _ segment: TCPHeldSegment, _ output: inout [CapturedPacket], _ heldTotal: inout Int, _ counters: inout CaptureCounters
    ) {
        let offset = Int(Int32(bitPattern: segment.sequence &- nextSequence))
        var position = held.count
        for (index, other) in held.enumerated() {
            let otherOffset = Int(Int32(bitPattern: other.sequence &- nextSequence))
            if otherOffset == offset, other.bytes.count >= segment.bytes.count {
                counters.tcpRetransmissions += 1
                return
            }
            if otherOffset > offset {
                position = index
                break
            }
        }
        counters.tcpOutOfOrder += 1
        held.insert(segment, at: position)
        heldBytes += segment.bytes.count
        heldTotal += segment.bytes.count
        if heldBytes > CaptureLimits.maxHeldBytesPerFlow || heldTotal > CaptureLimits.maxHeldBytesTotal {
            counters.tcpHoldOverflows += 1
            while !held.isEmpty, heldBytes > CaptureLimits.maxHeldBytesPerFlow / 2 || heldTotal > CaptureLimits.maxHeldBytesTotal {
                skipGap(&output, &heldTotal, &counters)
            }
        }
    }

    /// Gives up the gap before the first held segment and delivers from there.
    private func skipGap(_ output: inout [CapturedPacket], _ heldTotal: inout Int, _ counters: inout CaptureCounters) {
        guard let first = held.first else { return }
        let gap = Int(Int32(bitPattern: first.sequence &- nextSequence))
        if gap > 0 {
            counters.tcpGaps += 1
            counters.tcpGapBytes += gap
            counters.tcpSkippedBytes += buffer.count - readIndex
            dropBuffered(keepingCapacity: true)
            nextSequence = first.sequence
            synchronized = false
            atStreamStart = false
        }
        drainHeld(0, 0, &heldTotal, &counters, ownTimestamps: true)
        deframe(final: false, &output, &counters)
    }

    /// Moves held segments that are now in order into the stream, delivered at `timestamp`
    /// (the segment that filled the gap) or, with `ownTimestamps` (the gap was given up), each
    /// at its own capture time.
    private func drainHeld(
        _ timestamp: Int64, _ frameNumber: Int, _ heldTotal: inout Int, _ counters: inout CaptureCounters, ownTimestamps: Bool
    ) {
        while let first = held.first {
            let offset = Int(Int32(bitPattern: first.sequence &- nextSequence))
            guard offset <= 0 else { return }
            held.removeFirst()
            heldBytes -= first.bytes.count
            heldTotal -= first.bytes.count
            if offset + first.bytes.count <= 0 {
                counters.tcpRetransmissions += 1
                continue
            }
            if offset < 0 { counters.tcpOverlaps += 1 }
            if ownTimestamps {
                append(first.bytes.dropFirst(-offset), first.timestampNanoseconds, first.frameNumber)
            } else {
                append(first.bytes.dropFirst(-offset), timestamp, frameNumber)
            }
            nextSequence = first.sequence &+ UInt32(truncatingIfNeeded: first.bytes.count)
        }
    }

    /// Adds in-order bytes delivered at `timestamp` (record `frameNumber`).
    private func append(_ bytes: some Collection<UInt8>, _ timestamp: Int64, _ frameNumber: Int) {
        buffer.append(contentsOf: bytes)
        marks.append(TCPDeliveryMark(end: baseOffset + buffer.count, timestampNanoseconds: timestamp, frameNumber: frameNumber))
    }

    /// Forgets every buffered byte (a gap, the end of the stream).
    private func dropBuffered(keepingCapacity: Bool) {
        baseOffset += buffer.count
        buffer.removeAll(keepingCapacity: keepingCapacity)
        readIndex = 0
        marks.removeAll(keepingCapacity: keepingCapacity)
        markIndex = 0
    }

    /// The delivery mark of the byte before absolute offset `end`.
    private func mark(coveringEnd end: Int) -> TCPDeliveryMark {
        guard !marks.isEmpty else { return TCPDeliveryMark(end: end, timestampNanoseconds: 0, frameNumber: 0) }
        while markIndex < marks.count - 1, marks[markIndex].end < end { markIndex += 1 }
        return marks[markIndex]
    }

    /// Cuts the complete frames at the front of the stream into `output`. `final`: no more bytes
    /// will come (resynchronisation then accepts a candidate without seeing the next frame).
    private func deframe(final: Bool, _ output: inout [CapturedPacket], _ counters: inout CaptureCounters) {
        while !ignored {
            if !synchronized, !resynchronize(final: final, &counters) { break }
            let available = buffer.count - readIndex
            let step: RFC4571Step
            do {
                step = try Self.framing.step(buffer[readIndex..<(readIndex + min(available, Self.window))])
            } catch {
                counters.tcpFramingErrors += 1
                if atStreamStart {
                    // The first frame of a stream seen from its SYN is not RTP/RTCP.
                    ignored = true
                    counters.tcpNonRTPStreams += 1
                    counters.tcpSkippedBytes += available
                    dropBuffered(keepingCapacity: false)
                    return
                }
                synchronized = false
                continue
            }
            switch step {
            case .needMoreData:
                compact()
                return
            case .zeroLengthFrame:
                counters.tcpZeroLengthFrames += 1
                readIndex += RFC4571Framing.prefixBytes
            case .frame(let payloadBytes):
                let start = readIndex + RFC4571Framing.prefixBytes
                let delivered = mark(coveringEnd: baseOffset + start + payloadBytes)
                output.append(
                    CapturedPacket(
                        timestampNanoseconds: delivered.timestampNanoseconds, source: source, destination: destination,
                        transport: .tcp, payload: Array(buffer[start..<(start + payloadBytes)])[...],
                        interfaceIndex: interfaceIndex, frameNumber: delivered.frameNumber))
                readIndex = start + payloadBytes
                atStreamStart = false
            }
        }
        compact()
    }

    /// Scans for a frame boundary (see the type's comment); true when found (`readIndex` is on
    /// it), false when more bytes are needed.
    private func resynchronize(final: Bool, _ counters: inout CaptureCounters) -> Bool {
        var position = readIndex
        defer {
            counters.tcpSkippedBytes += position - readIndex
            readIndex = position
        }
        while position + 3 <= buffer.count {
            let length = buffer.uint16BE(at: position)
            if length >= 8, buffer[position + 2] >> 6 == 2 {
                let next = position + 2 + length
                if next + 3 <= buffer.count {
                    if buffer[next + 2] >> 6 == 2, buffer.uint16BE(at: next) >= 8 {
                        synchronized = true
                        return true
                    }
                } else if !final {
                    return false  // Wait for the bytes that confirm or refute this candidate.
                } else if next <= buffer.count {
                    synchronized = true  // A complete last frame.
                    return true
                }
            }
            position += 1
        }
        // Keep the last two bytes: they may begin a length prefix.
        position = max(readIndex, buffer.count - 2)
        if final { position = buffer.count }
        return false
    }

    /// Drops consumed bytes once they are most of the buffer.
    private func compact() {
        if readIndex == buffer.count {
            dropBuffered(keepingCapacity: buffer.capacity <= 2 * Self.window)
        } else if readIndex >= Self.window, readIndex * 2 >= buffer.count {
            buffer.removeFirst(readIndex)
            baseOffset += readIndex
            readIndex = 0
            while markIndex < marks.count, marks[markIndex].end <= baseOffset { markIndex += 1 }
            marks.removeFirst(markIndex)
            markIndex = 0
        }
    }
}
