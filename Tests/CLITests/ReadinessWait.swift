import Foundation

/// Waits for a started receiver to be ready, instead of a fixed sleep: its UDP port (and TCP
/// port, for `--transport tcp|auto`) on 127.0.0.1 is bound once our own bind to it fails.
enum ReadinessWait {
    /// Polls every 10 ms; returns false if the ports are still free after `timeoutSeconds`.
    @discardableResult
    static func untilBound(port: Int, tcp: Bool = true, timeoutSeconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            if !canBind(port: port, type: Int32(SOCK_DGRAM.rawValue)),
                !tcp || !canBind(port: port, type: Int32(SOCK_STREAM.rawValue))
            {
                return true
            }
            usleep(10_000)
        }
        return false
    }

    /// Whether a socket of `type` can bind 127.0.0.1:`port` (without SO_REUSEADDR).
    private static func canBind(port: Int, type: Int32) -> Bool {
        let fd = socket(AF_INET, type, 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        return result == 0
    }
}
