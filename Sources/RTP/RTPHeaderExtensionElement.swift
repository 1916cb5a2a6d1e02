/// One RFC 8285 header extension element (an id and its opaque data).
///
/// Limits: `id` 1...255 (0 is the padding id and never an element); `data.count` 0...255.
/// Elements with id 1...14 and 1...16 data bytes fit the one-byte form; anything else forces the
/// two-byte form for the whole packet.
public struct RTPHeaderExtensionElement: Sendable, Hashable {
    /// Local identifier negotiated out of band (e.g. SDP `a=extmap`), 1...255.
    public var id: UInt8
    /// Element payload, 0...255 bytes.
    public var data: [UInt8]

    /// - Precondition: `id != 0` and `data.count <= 255` (programmer error, not input data:
    ///   parsed elements always satisfy it).
    public init(id: UInt8, data: [UInt8]) {
        precondition(id != 0, "RFC 8285 id 0 is reserved for padding")
        precondition(data.count <= 255, "RFC 8285 element data is at most 255 bytes")
        self.id = id
        self.data = data
    }

    /// True when this element can be written in the one-byte form (id 1...14, 1...16 bytes).
    public var fitsOneByteForm: Bool {
        (1...14).contains(id) && (1...16).contains(data.count)
    }
}
