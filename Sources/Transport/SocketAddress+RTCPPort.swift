import NIOCore

extension SocketAddress {
    /// The same address with RTCP's port: the RTP port + 1 (RFC 3550 §11).
    /// - Throws: ``RTCPPortError`` for port 65535, which has no port + 1 (setting one would trap).
    package func rtcpPort() throws(RTCPPortError) -> SocketAddress {
        let rtp = port ?? 0
        guard rtp < 65_535 else { throw RTCPPortError(address: endpointDescription) }
        var copy = self
        copy.port = rtp + 1
        return copy
    }
}

/// RTCP on port + 1 was asked of port 65535.
package struct RTCPPortError: Error, Sendable, CustomStringConvertible {
    package var address: String
    package var description: String {
        "\(address): RTCP goes to port + 1, and port 65535 has none; use --rtcp-mux (RTP and RTCP on one port) or a port up to 65534"
    }
}
