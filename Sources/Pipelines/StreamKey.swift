import JitterbugSupport
import NIOCore
import Transport

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
