import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A short `Tools/flood`: 50,000 hostile datagrams (random bytes, RTP with wrong SSRCs, forged
/// SRTP, oversize) at full speed into the receiver's port while an SRTP stream plays. The stream
/// loses < 0.5 % beyond what the kernel dropped, every datagram is accounted for (sent = read +
/// kernel socket drops; every flood datagram read is counted under exactly one reason), and the
/// receiver's peak RSS stays bounded.
@Suite(.serialized) struct FloodCommandTests {
    static let floodCount = 50_000
    static let rssLimitKiB = 512 * 1024

    @Test func floodIsCountedOnceAndTheStreamPlaysOn() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = directory.appendingPathComponent("srtp.key").path
        let summary = directory.appendingPathComponent("summary.json").path
        let keygen = try CommandRunner.jitterbug(["keygen"])
        try #require(keygen.exitCode == 0, "\(keygen.stderr)")
        try keygen.stdout.write(toFile: key, atomically: true, encoding: .utf8)
        let port = CommandRunner.freeUDPPort()
        // One UDP socket (RTCP multiplexed, no TCP): it gets exactly the stream's RTP and the
        // flood. The sender's RTCP goes to port + 1, where nothing listens. A debug build reads
        // several times slower than a release one, so the flood queued in the socket buffer
        // (8 MiB) holds the stream back for longer than the adaptive buffer's first 20 ms: a
        // fixed 400 ms playout delay keeps this about loss, not debug speed (Tools/flood runs the
        // release build with the default adaptive buffer).
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--rtcp-mux", "--no-tcp", "--srtp", "--key-file", key,
             "--jitter-fixed", "400ms", "--until-idle", "1s", "--duration", "20s", "--interval", "0s", "--json", summary])
        let sender = try CommandRunner.start(
            CommandRunner.jitterbugPath,
            ["send", "--to", "127.0.0.1:\(port)", "--srtp", "--key-file", key, "--tone", "440", "--duration", "6s"])
        // Part of the measurement: the flood must land while the stream is playing.
        usleep(1_500_000)
        let flood = Self.flood(port: port, count: Self.floodCount)
        let sent = try sender.finish(timeoutSeconds: 20)
        try #require(sent.exitCode == 0, "\(sent.stderr)")
        let received = try receiver.finish(timeoutSeconds: 20)
        try #require(received.exitCode == 0, "\(received.stderr)")

        let line = try #require(sent.stdout.firstMatch(of: /sent (\d+) packets, .* ssrc (0x[0-9a-f]+)/), "\(sent.stdout)")
        let streamSent = Int(line.1)!
        let json = try readJSONObject(summary)
        let read = json["datagrams_received"] as? Int ?? -1
        let drops = try #require(json["socket_drops"] as? Int, "no socket_drops in \(json)")
        let rejected = json["rejected"] as? [String: Int] ?? [:]
        let primary = json["stream"] as? String ?? ""
        #expect(primary.hasSuffix(String(line.2)), "the stream is the primary one: \(primary)")
        let streamRead = json["packets_udp"] as? Int ?? 0
        let counted = rejected.values.reduce(0, +) + (json["other_stream_packets"] as? Int ?? 0)
            + (json["rtcp_reports_received"] as? Int ?? 0)
        let played = (json["jitter_buffer"] as? [String: Any])?["played"] as? Int ?? 0
        let peak = json["peak_rss_kib"] as? Int ?? 0
        let figures = "flood \(flood.sent) sent (\(flood.errors) errors), stream \(streamSent) sent, read \(read), drops \(drops), stream read \(streamRead), played \(played), rejected \(rejected), peak RSS \(peak) KiB"

        #expect(flood.sent > Self.floodCount * 9 / 10, "\(figures)")
        // Sent = read + kernel socket drops.
        #expect(flood.sent + streamSent == read + drops, "\(figures)")
        // Every flood datagram read counted under exactly one reason; none authenticated.
        #expect(read - streamRead == counted, "\(figures)")
        #expect(rejected["oversize"] ?? 0 > 0, "\(figures)")
        #expect(rejected["srtp_auth_fail"] ?? 0 > 0, "\(figures)")
        // The stream loses < 0.5 % beyond what the kernel dropped.
        #expect(Double(streamRead - played) < 0.005 * Double(streamSent), "\(figures)")
        #expect(peak > 0 && peak < Self.rssLimitKiB, "\(figures)")
    }

    /// Sends `count` datagrams as fast as the socket takes them: random bytes, RTP with random
    /// SSRCs, forged SRTP (RTP header + random payload + a random 10-byte tag), oversize.
    static func flood(port: Int, count: Int) -> (sent: Int, errors: Int) {
        var generator = SystemRandomNumberGenerator()
        func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8.random(in: 0...255, using: &generator) } }
        func rtpHeader() -> [UInt8] {
            [0x80, 111] + bytes(2) + bytes(4) + bytes(4)
        }
        var pool: [[UInt8]] = []
        for _ in 0..<256 {
            pool.append(bytes(Int.random(in: 1...1400, using: &generator)))
            pool.append(rtpHeader() + bytes(Int.random(in: 20...200, using: &generator)))
            pool.append(rtpHeader() + bytes(Int.random(in: 20...200, using: &generator)) + bytes(10))
            pool.append(rtpHeader() + bytes(Int.random(in: 1_600...4_000, using: &generator)))
        }
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var sent = 0
        var errors = 0
        for index in 0..<count {
            let datagram = pool[index % pool.count]
            let result = datagram.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
            if result == datagram.count { sent += 1 } else { errors += 1 }
        }
        return (sent, errors)
    }
}
