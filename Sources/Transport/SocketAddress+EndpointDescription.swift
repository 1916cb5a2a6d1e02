import NIOCore

extension SocketAddress {
    /// `1.2.3.4:5004` or `[::1]:5004`, as people type addresses.
    package var endpointDescription: String {
        let host = ipAddress ?? "?"
        let port = self.port ?? 0
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
