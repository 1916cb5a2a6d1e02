/// An IP address and port seen in a capture.
public struct CaptureEndpoint: Hashable, Sendable {
    /// 4 bytes for IPv4, 16 for IPv6, in network order.
    public var address: [UInt8]
    public var port: UInt16

    public init(address: [UInt8], port: UInt16) {
        self.address = address
        self.port = port
    }

    /// The address's bytes hashed as one block (the synthesized conformance fed them to the
    /// hasher one at a time, a visible cost per packet when streams are looked up).
    public func hash(into hasher: inout Hasher) {
        address.withUnsafeBytes { hasher.combine(bytes: $0) }
        hasher.combine(port)
    }
}
