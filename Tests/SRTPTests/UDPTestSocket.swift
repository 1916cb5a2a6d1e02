#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking IPv4 UDP socket bound to 127.0.0.1, for the ffmpeg interop test only.
final class UDPTestSocket {
    let descriptor: Int32
    let port: UInt16

    /// Binds to `port` (0: the kernel picks one); nil if the port is taken.
    init?(port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        var actual = sockaddr_in()
        var actualLength = length
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        guard bound == 0, named == 0 else {
            close(fd)
            return nil
        }
        // Room for everything ffmpeg sends while we wait for it to exit.
        var bufferBytes: Int32 = 1 << 20
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufferBytes, socklen_t(MemoryLayout<Int32>.size))
        descriptor = fd
        self.port = UInt16(bigEndian: actual.sin_port)
    }

    deinit { close(descriptor) }

    /// Two sockets on ports P and P + 1 (RTP and RTCP, as ffmpeg's rtp:// protocol expects).
    static func pair() -> (rtp: UDPTestSocket, rtcp: UDPTestSocket)? {
        for _ in 0..<50 {
            guard let rtp = UDPTestSocket(port: 0), rtp.port < UInt16.max else { continue }
            if let rtcp = UDPTestSocket(port: rtp.port + 1) { return (rtp, rtcp) }
        }
        return nil
    }

    /// Every datagram that arrives until none has come for `idleMilliseconds`.
    func drain(idleMilliseconds: Int) -> [[UInt8]] {
        var timeout = timeval(tv_sec: 0, tv_usec: suseconds_t(idleMilliseconds * 1000))
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var datagrams: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let received = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard received > 0 else { return datagrams }
            datagrams.append(Array(buffer[0..<received]))
        }
    }
}
