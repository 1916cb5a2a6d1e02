/// A validated RTP packet read in place (RFC 3550 §5.1): header fields and where the payload
/// lies, without copying anything — the receive path's parse, which must not allocate.
///
/// Accepts and rejects exactly what ``RTPPacket/init(parsing:limits:)-(UnsafeRawBufferPointer,_)``
/// does (that initialiser is built on this one). Only valid inside the `withUnsafeBytes` scope
/// that produced `bytes`: do not store it.
public struct RTPPacketView {
    /// The whole datagram.
    public let bytes: UnsafeRawBufferPointer
    public let marker: Bool
    /// Payload type 0...127.
    public let payloadType: UInt8
    public let sequenceNumber: UInt16
    public let timestamp: UInt32
    public let ssrc: UInt32
    /// Number of CSRCs (0...15), which follow the fixed header.
    public let csrcCount: Int
    /// The extension block's profile (0xBEDE, 0x100x or another), `nil` without the X bit.
    public let extensionProfile: UInt16?
    /// Byte range of the extension body (after its profile/length word); empty without one.
    public let extensionBody: Range<Int>
    /// Padding bytes at the end including the count byte; 0 without the P bit.
    public let paddingLength: Int
    /// Byte range of the payload within `bytes`.
    public let payloadRange: Range<Int>

    /// Validates one RTP datagram.
    /// - Throws: ``RTPParseError`` describing the first violated rule. Never traps on bad input.
    public init(validating bytes: UnsafeRawBufferPointer, limits: RTPParseLimits = .default) throws(RTPParseError) {
        let count = bytes.count
        guard count >= 12 else { throw .tooShort }
        let first = bytes[0]
        guard first >> 6 == 2 else { throw .badVersion }
        guard count <= limits.maxPacketBytes else { throw .oversize }
        let second = bytes[1]
        let payloadType = second & 0x7F
        guard !(72...76).contains(payloadType) else { throw .reservedPayloadType }
        let csrcCount = Int(first & 0x0F)
        var offset = 12 + 4 * csrcCount
        guard offset <= count else { throw .csrcOverrun }
        var profile: UInt16?
        var body = offset..<offset
        if first & 0x10 != 0 {
            guard offset + 4 <= count else { throw .extensionOverrun }
            let bodyLength = 4 * Int(ByteReader.uint16(bytes, at: offset + 2))
            let bodyStart = offset + 4
            guard bodyStart + bodyLength <= count else { throw .extensionOverrun }
            let found = ByteReader.uint16(bytes, at: offset)
            body = bodyStart..<(bodyStart + bodyLength)
            try HeaderExtensionCodec.forEachElement(profile: found, bytes: bytes, body: body) { _, _ in true }
            profile = found
            offset = body.upperBound
        }
        var paddingLength = 0
        if first & 0x20 != 0 {
            paddingLength = Int(bytes[count - 1])
            guard paddingLength > 0, paddingLength <= count - offset else { throw .badPadding }
        }
        let payloadEnd = count - paddingLength
        guard payloadEnd > offset || limits.allowsEmptyPayload else { throw .emptyPayload }
        self.bytes = bytes
        self.marker = second & 0x80 != 0
        self.payloadType = payloadType
        self.sequenceNumber = ByteReader.uint16(bytes, at: 2)
        self.timestamp = ByteReader.uint32(bytes, at: 4)
        self.ssrc = ByteReader.uint32(bytes, at: 8)
        self.csrcCount = csrcCount
        self.extensionProfile = profile
        self.extensionBody = body
        self.paddingLength = paddingLength
        self.payloadRange = offset..<payloadEnd
    }

    /// The payload octets (padding excluded), borrowed from `bytes`.
    public var payload: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[payloadRange]) }

    /// The `index`-th CSRC (0 ..< `csrcCount`).
    public func csrc(_ index: Int) -> UInt32 {
        precondition((0..<csrcCount).contains(index), "CSRC index \(index) out of 0..<\(csrcCount)")
        return ByteReader.uint32(bytes, at: 12 + 4 * index)
    }

    /// The data of the first RFC 8285 element with `id` (one- or two-byte form), borrowed.
    public func extensionData(id: UInt8) -> UnsafeRawBufferPointer? {
        guard let extensionProfile else { return nil }
        var found: Range<Int>?
        // Validated in init, so the walk cannot throw here.
        try? HeaderExtensionCodec.forEachElement(profile: extensionProfile, bytes: bytes, body: extensionBody) {
            elementID, data in
            if elementID == id { found = data }
            return found == nil
        }
        return found.map { UnsafeRawBufferPointer(rebasing: bytes[$0]) }
    }
}
