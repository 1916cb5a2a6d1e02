import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Hostile TCP peers on the receiver's port (silent connections, garbage, lying lengths, more
/// connections than allowed) are bounded and closed; the UDP stream plays on unaffected.
@Suite(.serialized) struct TCPFloodCommandTests {
    @Test func hostileTCPPeersDoNotDisturbTheUDPStream() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = directory.appendingPathComponent("summary.json").path
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "20s", "--interval", "0s",
             "--json", summary])
        let sender = try CommandRunner.start(
            CommandRunner.jitterbugPath, ["send", "--to", "127.0.0.1:\(port)", "--tone", "300", "--duration", "3s"])
        // 150 connections (over the default cap of 64): silent ones, garbage, a length that lies.
        var sockets: [Int32] = []
        for i in 0..<150 {
            let fd = Self.connect(port: port)
            guard fd >= 0 else { continue }
            sockets.append(fd)
            switch i % 3 {
            case 0: break  // silent: the first-frame timeout closes it
            case 1: _ = "GET / HTTP/1.1\r\n\r\n".withCString { send(fd, $0, 18, Int32(MSG_NOSIGNAL)) }
            default: _ = [UInt8]([0xFF, 0xFF, 0x80, 0x00]).withUnsafeBytes { send(fd, $0.baseAddress, 4, Int32(MSG_NOSIGNAL)) }
            }
        }
        #expect(sockets.count > 64)
        let sent = try sender.finish(timeoutSeconds: 20)
        #expect(sent.exitCode == 0, "\(sent.stderr)")
        for fd in sockets { close(fd) }
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        let json = try readJSONObject(summary)
        #expect(json["lost_packets"] as? Int == 0, "\(json)")
        #expect((json["packets"] as? Int ?? 0) >= 149)
    }

    static func connect(port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if result != 0 {
            close(fd)
            return -1
        }
        return fd
    }
}
