import JitterbugSupport
import NIOCore

/// Identifies one RTP stream at a receiver: who sends it and its SSRC (RFC 3550 §8).
public struct StreamKey: Sendable, Hashable, CustomStringConvertible {
    public var source: SocketAddress
    public var ssrc: UInt32

    public init(source: SocketAddress, ssrc: UInt32) {
        self.source = source
        self.ssrc = ssrc
    }

    public var description: String { "\(source.endpointDescription) ssrc \(ssrc.hex)" }
}

extension SocketAddress {
    /// `1.2.3.4:5004` or `[::1]:5004`, as people type addresses.
    public var endpointDescription: String {
        let host = ipAddress ?? "?"
        let port = self.port ?? 0
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
