import NIOCore

extension SocketAddress {
    /// `[::]` on some port: the address a dual-stack listener binds.
    package var isIPv6Wildcard: Bool { self.protocol == .inet6 && ipAddress == "::" }

    /// The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, how a
    /// dual-stack socket sees an IPv4 peer), for people to read; `nil` for any other address.
    package var mappedIPv4Address: String? {
        guard self.protocol == .inet6, let text = ipAddress?.lowercased(), text.hasPrefix("::ffff:") else { return nil }
        let tail = text.dropFirst("::ffff:".count)
        return tail.contains(".") ? String(tail) : nil
    }
}

extension ChannelOption where Self == ChannelOptions.Types.SocketOption {
    /// `IPV6_V6ONLY` at the IPv6 level (`socketOption(.ipv6_v6only)` would set it at
    /// SOL_SOCKET, where the kernel refuses it with EINVAL).
    package static var ipv6V6Only: Self { .init(level: .ipv6, name: .ipv6_v6only) }
}
