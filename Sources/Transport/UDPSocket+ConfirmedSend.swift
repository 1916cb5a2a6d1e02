import NIOCore

extension UDPSocket {
    /// Sends one datagram and waits until the kernel took it or refused it, so the caller learns
    /// which datagram a local firewall (EPERM) or a missing route (ENETUNREACH) refused. NIO then
    /// closes the socket (every send error but EMSGSIZE and EHOSTUNREACH closes a datagram
    /// channel); ``inbound`` ends, which is how its owner knows to open another.
    package func sendConfirmed(_ bytes: [UInt8], to remote: SocketAddress) async throws {
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: remote, data: ByteBuffer(bytes: bytes))).get()
    }
}
