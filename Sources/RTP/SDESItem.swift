/// One SDES item: a type and up to 255 octets (UTF-8 text for all standard types except PRIV,
/// whose data is kept raw). Longer data is truncated to 255 bytes when serialised.
public struct SDESItem: Sendable, Hashable {
    public var type: SDESItemType
    public var data: [UInt8]

    public init(type: SDESItemType, data: [UInt8]) {
        self.type = type
        self.data = data
    }

    public init(type: SDESItemType, text: String) {
        self.init(type: type, data: Array(text.utf8))
    }

    /// Data decoded as UTF-8 (invalid sequences replaced with U+FFFD).
    public var text: String { String(decoding: data, as: UTF8.self) }
}
