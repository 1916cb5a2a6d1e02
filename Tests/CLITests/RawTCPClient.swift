import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain blocking TCP connection to 127.0.0.1 for tests that play a peer the product does not
/// have: one that says nothing, sends garbage, or goes quiet. Not the code under test.
final class RawTCPClient {
    private var descriptor: Int32

    /// Connects to 127.0.0.1:`port`.
    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure("socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw Failure("connect to port \(port): errno \(errno)")
        }
    }

    deinit { close(descriptor) }

    /// Writes `payload` with its RFC 4571 length prefix.
    func sendFrame(_ payload: [UInt8]) throws {
        let bytes = [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)] + payload
        guard bytes.withUnsafeBytes({ Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
            throw Failure("send: errno \(errno)")
        }
    }

    /// Whether the peer closed the connection within `seconds` (end of file or a reset).
    func closedByPeer(withinSeconds seconds: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        var buffer = [UInt8](repeating: 0, count: 512)
        while true {
            let left = Int32(max(deadline.timeIntervalSinceNow, 0) * 1000)
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, left) > 0 else { return false }
            let read = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if read <= 0 { return true }  // RTCP or anything else: keep waiting for the close
        }
    }

    /// A minimal RTP packet (version 2, payload type 111) with `sequence`.
    static func rtpPacket(sequence: UInt16) -> [UInt8] {
        [0x80, 111, UInt8(sequence >> 8), UInt8(sequence & 0xFF), 0, 0, 0, 1, 0x12, 0x34, 0x56, 0x78, 0xF8, 0xFF, 0xFE]
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
