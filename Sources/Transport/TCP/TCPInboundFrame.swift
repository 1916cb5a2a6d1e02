import NIOCore

/// One RTP or RTCP packet received on a ``TCPMediaListener`` connection.
public struct TCPInboundFrame: Sendable, Hashable {
    /// The peer's address.
    public let remote: SocketAddress
    /// The listener-assigned connection number (from 1, never reused while the listener lives);
    /// pass it to ``TCPMediaListener/send(_:toConnection:)`` to answer on the same connection.
    public let connectionID: Int
    /// The packet, without its RFC 4571 length prefix. 1...65 535 bytes.
    public let frame: [UInt8]

    public init(remote: SocketAddress, connectionID: Int, frame: [UInt8]) {
        self.remote = remote
        self.connectionID = connectionID
        self.frame = frame
    }
}
