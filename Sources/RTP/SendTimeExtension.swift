/// Identifiers for the send-time header extensions Jitterbug uses.
public enum SendTimeExtension {
    /// Default one-byte RFC 8285 id for the send-time element (negotiate the same on both ends).
    public static let defaultID: UInt8 = 1
    /// RFC 6051 §3.3 full 64-bit NTP timestamp element (8 data bytes).
    public static let ntp64URI = "urn:ietf:params:rtp-hdrext:ntp-64"
}

extension NTPTimestamp {
    /// The RFC 6051 ntp-64 element: the 64-bit timestamp big-endian in 8 data bytes.
    public func ntp64ExtensionElement(id: UInt8 = SendTimeExtension.defaultID) -> RTPHeaderExtensionElement {
        var data: [UInt8] = []
        data.reserveCapacity(8)
        data.appendBigEndian(seconds)
        data.appendBigEndian(fraction)
        return RTPHeaderExtensionElement(id: id, data: data)
    }

    /// Decodes an RFC 6051 ntp-64 element; `nil` unless it has exactly 8 data bytes.
    public init?(ntp64Element element: RTPHeaderExtensionElement) {
        let decoded = element.data.withUnsafeBytes { NTPTimestamp(ntp64Data: $0) }
        guard let decoded else { return nil }
        self = decoded
    }

    /// Decodes the data of an RFC 6051 ntp-64 element in place; `nil` unless exactly 8 bytes.
    public init?(ntp64Data data: UnsafeRawBufferPointer) {
        guard data.count == 8 else { return nil }
        let value = data.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        self.init(rawValue: value)
    }
}
