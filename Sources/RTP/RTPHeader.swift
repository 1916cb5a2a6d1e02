/// The RFC 3550 §5.1 fixed header plus CSRCs, header extensions and padding.
///
/// Serialisation limits (values outside are clamped, not trapped): `payloadType` is masked to
/// 7 bits, only the first 15 `csrcs` are written, `paddingLength` is clamped to 0...255.
public struct RTPHeader: Sendable, Equatable {
    /// M bit; for audio it marks the first packet after silence (RFC 3551 §4.1).
    public var marker: Bool
    /// Payload type 0...127.
    public var payloadType: UInt8
    /// Sequence number; increments by one per packet and wraps 65535 → 0.
    public var sequenceNumber: UInt16
    /// Media timestamp in clock-rate units (e.g. 48 000 Hz for Opus); wraps modulo 2^32.
    public var timestamp: UInt32
    /// Synchronisation source identifier.
    public var ssrc: UInt32
    /// Contributing sources, at most 15.
    public var csrcs: [UInt32]
    /// RFC 8285 elements. Written in the one-byte form (profile 0xBEDE) when every element fits
    /// it, otherwise in the two-byte form (profile 0x1000). Empty = no RFC 8285 block.
    public var extensions: [RTPHeaderExtensionElement]
    /// An extension with an unknown profile, kept raw. Ignored when serialising if `extensions`
    /// is non-empty (a packet carries at most one extension block).
    public var rawExtension: RTPRawHeaderExtension?
    /// Number of padding bytes at the end of the packet including the count byte; 0 = no padding
    /// (P bit clear). 1...255 when present.
    public var paddingLength: Int

    public init(
        marker: Bool = false,
        payloadType: UInt8,
        sequenceNumber: UInt16,
        timestamp: UInt32,
        ssrc: UInt32,
        csrcs: [UInt32] = [],
        extensions: [RTPHeaderExtensionElement] = [],
        rawExtension: RTPRawHeaderExtension? = nil,
        paddingLength: Int = 0
    ) {
        self.marker = marker
        self.payloadType = payloadType
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.ssrc = ssrc
        self.csrcs = csrcs
        self.extensions = extensions
        self.rawExtension = rawExtension
        self.paddingLength = paddingLength
    }

    /// Size in bytes of the fixed header, CSRC list and extension block (excludes padding).
    public var serializedLength: Int {
        12 + 4 * min(csrcs.count, 15) + HeaderExtensionCodec.serializedLength(self)
    }

    /// Returns the first extension element with `id`, if any.
    public func extensionElement(id: UInt8) -> RTPHeaderExtensionElement? {
        extensions.first { $0.id == id }
    }
}
