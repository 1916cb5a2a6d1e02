#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ports on 127.0.0.1 that were free a moment ago: the kernel picks one for a socket bound to
/// port 0, which is then closed. Another process may take it before the test does; on a test
/// machine that is rare enough.
package enum FreePort {
    /// A free UDP port (1024–65535).
    package static func udp() -> Int { pick(type: Int32(SOCK_DGRAM.rawValue)) }

    /// A free TCP port (1024–65535).
    package static func tcp() -> Int { pick(type: Int32(SOCK_STREAM.rawValue)) }

    private static func pick(type: Int32) -> Int {
        let fd = socket(AF_INET, type, 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
