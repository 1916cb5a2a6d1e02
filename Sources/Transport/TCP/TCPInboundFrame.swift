import NIOCore

/// One RTP or RTCP packet received on a ``TCPMediaListener`` connection.
package struct TCPInboundFrame: Sendable, Hashable {
    /// The peer's address.
    package let remote: SocketAddress
    /// The listener-assigned connection number (from 1, never reused while the listener lives);
    /// pass it to ``TCPMediaListener/send(_:toConnection:)`` to answer on the same connection.
    package let connectionID: Int
    /// The packet, without its RFC 4571 length prefix. 1...65 535 bytes.
    package let frame: [UInt8]
    /// The connection's local address (the listener's address with the real destination when
    /// it listens on a wildcard); `nil` when unknown.
    package let local: SocketAddress?

    package init(remote: SocketAddress, connectionID: Int, frame: [UInt8], local: SocketAddress? = nil) {
        self.remote = remote
        self.connectionID = connectionID
        self.frame = frame
        self.local = local
    }
}
