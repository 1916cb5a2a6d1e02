import NIOCore

#if canImport(Glibc)
import Glibc
#endif

extension EndpointAddress {
    /// The address to listen on. A bare port listens dual-stack, on `[::]` with IPV6_V6ONLY off
    /// (``UDPTransport`` and ``TCPMediaListener`` set it), so IPv6 and IPv4 senders both reach
    /// it; `0.0.0.0:PORT` stays IPv4 only and `[::1]:PORT` IPv6 only. Where the kernel has no
    /// IPv6, a bare port falls back to `0.0.0.0` and `notice` says so.
    /// - Throws: ``EndpointResolveError`` for a host that does not resolve.
    package func resolveListening() throws -> (address: SocketAddress, notice: String?) {
        guard host == nil else { return (try resolve(), nil) }
        if Self.kernelHasIPv6, let wildcard = try? SocketAddress(ipAddress: "::", port: port) {
            return (wildcard, nil)
        }
        return (try resolve(), "IPv6 is not available on this machine; listening on IPv4 only (0.0.0.0:\(port))")
    }

    /// Whether an IPv6 socket can be made and bound (no IPv6 in the kernel, or IPv6 disabled,
    /// makes this false).
    static var kernelHasIPv6: Bool {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET6, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var loopback = sockaddr_in6()
        loopback.sin6_family = sa_family_t(AF_INET6)
        loopback.sin6_addr = in6addr_loopback
        let bound = withUnsafePointer(to: &loopback) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
            }
        }
        return bound == 0
        #else
        return true
        #endif
    }
}
