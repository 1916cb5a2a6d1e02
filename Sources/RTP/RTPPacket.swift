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
        let view = try RTPPacketView(validating: bytes, limits: limits)
        var extensions: [RTPHeaderExtensionElement] = []
        var rawExtension: RTPRawHeaderExtension?
        if let profile = view.extensionProfile {
            switch HeaderExtensionCodec.materialize(profile: profile, bytes: bytes, body: view.extensionBody) {
            case .elements(let elements): extensions = elements
            case .raw(let raw): rawExtension = raw
            }
        }
        self.header = RTPHeader(
            marker: view.marker,
            payloadType: view.payloadType,
            sequenceNumber: view.sequenceNumber,
            timestamp: view.timestamp,
            ssrc: view.ssrc,
            csrcs: (0..<view.csrcCount).map(view.csrc),
            extensions: extensions,
            rawExtension: rawExtension,
            paddingLength: view.paddingLength
        )
        self.payload = Array(view.payload)
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
