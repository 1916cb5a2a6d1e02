import Foundation
import Testing

/// `send --transport tcp --tcp-deadline 200ms` through a 2 s stall (nftables drops every
/// segment to the receiver's port, in a network namespace the test makes): frames that could
/// not be handed over in time are dropped at the sender and counted, instead of arriving
/// seconds late. Checked from the receiver's side with its packet trace (arrival against the
/// sender's send time, one clock).
@Suite(
    .serialized,
    .enabled(
        if: CommandRunner.which("ip") != nil && CommandRunner.which("nft") != nil && getuid() == 0,
        "needs root and ip and nft (iproute2, nftables: bash Tools/setup)"))
struct TCPDeadlineCommandTests {
    @Test func aStalledConnectionsBacklogIsDroppedAndCountedNotDeliveredLate() throws {
        let ip = try #require(CommandRunner.which("ip"))
        let nft = try #require(CommandRunner.which("nft"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = directory.appendingPathComponent("trace.csv").path
        let port = 5004
        let namespace = try NetworkNamespaceFirewall(name: "jbdl-\(getpid())", ip: ip, nft: nft)
        defer { namespace.remove() }
        let receiver = try namespace.startReceiver(
            ["--listen", "127.0.0.1:\(port)", "--until-idle", "6s",
             "--duration", "40s", "--interval", "0s", "--trace", trace])
        defer { _ = try? receiver.finish(timeoutSeconds: 0) }
        let sender = try namespace.startJitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--transport", "tcp",
             "--tcp-deadline", "200ms", "--duration", "8s"])
        defer { _ = try? sender.finish(timeoutSeconds: 0) }
        Thread.sleep(forTimeInterval: 2)
        try namespace.blockTCP(toPort: port)
        Thread.sleep(forTimeInterval: 2)
        #expect(try namespace.droppedPackets() > 0)
        try namespace.unblock()
        let sent = try sender.finish(timeoutSeconds: 30)
        #expect(sent.exitCode == 0, "\(sent.stdout)\n\(sent.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
        let packetsSent = try #require(Self.number(before: " packets,", in: sent.stdout), "\(sent.stdout)")
        let dropped = try #require(Self.number(before: " dropped past their", in: sent.stdout), "\(sent.stdout)")
        // The receiver's view: one row per RTP packet, arrival and send time in µs.
        let rows = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").dropFirst()
        var lateness: [Int: Int] = [:]
        for row in rows {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 4, let sequence = Int(fields[0]), let arrival = Int(fields[2]), let send = Int(fields[3])
            else { continue }
            lateness[sequence] = arrival - send
        }
        let late = lateness.values.filter { $0 > 250_000 }.count
        // Only what TCP already had in flight when the path stalled (its window, bounded by the
        // 4 KiB send buffer: about 13 frames here) and the few bytes the kernel may hold unsent
        // arrive late: they cannot be recalled. Before, 127-169 frames did and none was dropped.
        #expect(late <= 20, "\(late) packets over 250 ms late of \(lateness.count)")
        #expect(dropped >= 50, "\(sent.stdout)")
        // Every RTP packet sent and not received was dropped and counted. The count also holds
        // the RTCP reports dropped past their 1 s deadline, at most the reports sent.
        let missing = packetsSent - lateness.count
        let reports = try #require(Self.number(before: " sender reports sent", in: sent.stdout), "\(sent.stdout)")
        #expect(
            dropped >= missing && dropped <= missing + reports + 1,
            "sent \(packetsSent), received \(lateness.count), dropped \(dropped), \(reports) reports")
    }

    /// The whole number just before `marker` in `text` ("… 37 dropped past their …" → 37).
    static func number(before marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        let digits = text[..<range.lowerBound].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }
}
