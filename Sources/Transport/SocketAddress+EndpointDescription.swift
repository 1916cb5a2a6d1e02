import NIOCore

extension SocketAddress {
    /// `1.2.3.4:5004` or `[::1]:5004`, as people type addresses. An IPv4 peer of a dual-stack
    /// socket (`::ffff:1.2.3.4`) reads as the IPv4 address it is.
    package var endpointDescription: String {
        let host = mappedIPv4Address ?? ipAddress ?? "?"
        let port = self.port ?? 0
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
