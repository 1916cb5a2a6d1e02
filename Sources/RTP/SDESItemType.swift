/// SDES item type (RFC 3550 §6.5). Unknown values are kept as-is.
public struct SDESItemType: RawRepresentable, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let cname = SDESItemType(rawValue: 1)
    public static let name = SDESItemType(rawValue: 2)
    public static let email = SDESItemType(rawValue: 3)
    public static let phone = SDESItemType(rawValue: 4)
    public static let location = SDESItemType(rawValue: 5)
    public static let tool = SDESItemType(rawValue: 6)
    public static let note = SDESItemType(rawValue: 7)
    public static let priv = SDESItemType(rawValue: 8)
}
