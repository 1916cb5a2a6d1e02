/// An RTP packet (RFC 3550 §5.1): header plus payload octets (padding excluded).
public struct RTPPacket: Sendable, Equatable {
    public var header: RTPHeader
    /// Payload octets, without padding.
    public var payload: [UInt8]

    public init(header: RTPHeader, payload: [UInt8]) {
        self.header = header
        self.payload = payload
    }

    /// Parses and validates one RTP datagram.
    ///
    /// - Throws: ``RTPParseError`` describing the first violated rule. Never traps on bad input.
    public init(
        parsing bytes: UnsafeRawBufferPointer, limits: RTPParseLimits = .default
    ) throws(RTPParseError) {
        let count = bytes.count
        guard count >= 12 else { throw .tooShort }
        let first = bytes[0]
        guard first >> 6 == 2 else { throw .badVersion }
        guard count <= limits.maxPacketBytes else { throw .oversize }
        let second = bytes[1]
        let payloadType = second & 0x7F
        guard !(72...76).contains(payloadType) else { throw .reservedPayloadType }

        let csrcCount = Int(first & 0x0F)
        var offset = 12
        guard offset + 4 * csrcCount <= count else { throw .csrcOverrun }
        var csrcs: [UInt32] = []
        csrcs.reserveCapacity(csrcCount)
        for _ in 0..<csrcCount {
            csrcs.append(ByteReader.uint32(bytes, at: offset))
            offset += 4
        }

        var extensions: [RTPHeaderExtensionElement] = []
        var rawExtension: RTPRawHeaderExtension?
        if first & 0x10 != 0 {
            guard offset + 4 <= count else { throw .extensionOverrun }
            let profile = ByteReader.uint16(bytes, at: offset)
            let bodyLength = 4 * Int(ByteReader.uint16(bytes, at: offset + 2))
            let bodyStart = offset + 4
            guard bodyStart + bodyLength <= count else { throw .extensionOverrun }
            switch try HeaderExtensionCodec.parse(
                profile: profile, bytes: bytes, start: bodyStart, end: bodyStart + bodyLength)
            {
            case .elements(let elements): extensions = elements
            case .raw(let raw): rawExtension = raw
            }
            offset = bodyStart + bodyLength
        }

        var paddingLength = 0
        if first & 0x20 != 0 {
            paddingLength = Int(bytes[count - 1])
            guard paddingLength > 0, paddingLength <= count - offset else { throw .badPadding }
        }
        let payloadEnd = count - paddingLength
        guard payloadEnd > offset || limits.allowsEmptyPayload else { throw .emptyPayload }

        self.header = RTPHeader(
            marker: second & 0x80 != 0,
            payloadType: payloadType,
            sequenceNumber: ByteReader.uint16(bytes, at: 2),
            timestamp: ByteReader.uint32(bytes, at: 4),
            ssrc: ByteReader.uint32(bytes, at: 8),
            csrcs: csrcs,
            extensions: extensions,
            rawExtension: rawExtension,
            paddingLength: paddingLength
        )
        self.payload = Array(bytes[offset..<payloadEnd])
    }

    /// Convenience over ``init(parsing:limits:)-(UnsafeRawBufferPointer,_)`` for an array.
    public init(parsing bytes: [UInt8], limits: RTPParseLimits = .default) throws(RTPParseError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(RTPParseError) in try RTPPacket(parsing: buffer, limits: limits) }
        }
        self = try result.get()
    }

    /// Total serialised size in bytes (header, extension block, payload, padding).
    public var serializedLength: Int {
        header.serializedLength + payload.count + min(max(header.paddingLength, 0), 255)
    }

    /// Returns the wire bytes of this packet.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(serializedLength)
        serialize(into: &out)
        return out
    }

    /// Appends the wire bytes of this packet to `out` (lets callers reuse one buffer).
    public func serialize(into out: inout [UInt8]) {
        let csrcs = header.csrcs.prefix(15)
        let padding = min(max(header.paddingLength, 0), 255)
        let hasExtension = !header.extensions.isEmpty || header.rawExtension != nil
        var first: UInt8 = 2 << 6
        if padding > 0 { first |= 0x20 }
        if hasExtension { first |= 0x10 }
        first |= UInt8(csrcs.count)
        out.append(first)
        out.append((header.marker ? 0x80 : 0) | (header.payloadType & 0x7F))
        out.appendBigEndian(header.sequenceNumber)
        out.appendBigEndian(header.timestamp)
        out.appendBigEndian(header.ssrc)
        for csrc in csrcs { out.appendBigEndian(csrc) }
        HeaderExtensionCodec.serialize(header, into: &out)
        out.append(contentsOf: payload)
        if padding > 0 {
            out.append(contentsOf: repeatElement(0, count: padding - 1))
            out.append(UInt8(padding))
        }
    }
}
