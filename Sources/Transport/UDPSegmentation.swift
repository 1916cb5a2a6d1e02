import NIOCore

/// UDP segmentation offload both ways: GSO (`UDP_SEGMENT`) sends one buffer of equal-size
/// segments that the kernel or NIC cuts into datagrams; GRO (`UDP_GRO`) hands the receiver
/// consecutive datagrams of one flow as one buffer with their segment size.
@usableFromInline
package enum UDPSegmentation {
    /// Segments per GSO send: `UDP_MAX_SEGMENTS` was 64 before Linux 6.9 (128 since), and NIO's
    /// `System.udpMaxSegments` no longer reports it.
    package static let maxSegments = 64
    /// Bytes per GSO send, under the 65,507-byte IPv4 UDP payload limit.
    package static let maxBytes = 65_000
    /// Largest datagram coalesced: the kernel refuses (EINVAL) a segment that does not fit the
    /// path MTU unfragmented, so stay under the IPv6 minimum MTU (1280 − 40 − 8 bytes).
    package static let maxSegmentBytes = 1_200

    /// Turns a batch into envelopes, joining runs of consecutive datagrams to the same
    /// destination and of the same length into one envelope with `metadata.segmentSize` set
    /// (a shorter datagram may end a run, as `UDP_SEGMENT` allows). Datagrams that join no run
    /// go out alone, unchanged. Order is kept.
    ///
    /// NIO writes an `IP_TOS`/`IPV6_TCLASS` control message (ECN not-capable, TOS 0) with any
    /// envelope that has metadata, so a coalesced send would not carry a socket-wide DSCP (none is
    /// set today: ``UDPSocketOptions/typeOfService`` is not applied yet).
    package static func coalesce(
        _ batch: [(bytes: [UInt8], remote: SocketAddress)], maxSegments: Int = maxSegments, maxBytes: Int = maxBytes
    ) -> [AddressedEnvelope<ByteBuffer>] {
        var envelopes: [AddressedEnvelope<ByteBuffer>] = []
        envelopes.reserveCapacity(batch.count)
        var start = batch.startIndex
        while start < batch.endIndex {
            let first = batch[start]
            let size = first.bytes.count
            var end = start + 1
            var total = size
            if size > 0, size <= maxSegmentBytes {
                while end < batch.endIndex, end - start < maxSegments {
                    let next = batch[end]
                    guard next.bytes.count <= size, next.bytes.count > 0, total + next.bytes.count <= maxBytes,
                        next.remote == first.remote
                    else { break }
                    total += next.bytes.count
                    end += 1
                    if next.bytes.count < size { break }  // a short segment can only be the last
                }
            }
            if end - start == 1 {
                envelopes.append(AddressedEnvelope(remoteAddress: first.remote, data: ByteBuffer(bytes: first.bytes)))
            } else {
                var buffer = ByteBufferAllocator().buffer(capacity: total)
                for i in start..<end { buffer.writeBytes(batch[i].bytes) }
                envelopes.append(
                    AddressedEnvelope(
                        remoteAddress: first.remote, data: buffer,
                        metadata: .init(ecnState: .transportNotCapable, packetInfo: nil, segmentSize: size)))
            }
            start = end
        }
        return envelopes
    }

    /// Calls `body` with each datagram in `bytes`: the whole buffer, or when `segmentSize` is
    /// set and smaller, consecutive `segmentSize` slices (the last may be shorter). No copies.
    @inlinable
    package static func forEachSegment(
        of bytes: UnsafeRawBufferPointer, segmentSize: Int?, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        guard let size = segmentSize, size > 0, size < bytes.count else { return try body(bytes) }
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + size, bytes.count)
            try body(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
        }
    }
}

extension AddressedEnvelope where DataType == ByteBuffer {
    /// Calls `body` with each datagram this envelope holds, in place: one, or with GRO the
    /// segments of an aggregate (`metadata.segmentSize`).
    @inlinable
    package func forEachSegment(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try data.withUnsafeReadableBytes { bytes in
            try UDPSegmentation.forEachSegment(of: bytes, segmentSize: metadata?.segmentSize, body)
        }
    }

    /// How many datagrams this envelope holds (more than one only for a GRO aggregate).
    package var segmentCount: Int {
        guard let size = metadata?.segmentSize, size > 0, size < data.readableBytes else { return 1 }
        return (data.readableBytes + size - 1) / size
    }
}
