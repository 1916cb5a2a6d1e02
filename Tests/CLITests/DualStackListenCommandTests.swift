import Foundation
import Testing

/// `recv --listen PORT` is dual-stack (`[::]`, IPV6_V6ONLY off): IPv6 and IPv4 senders both
/// reach it, by UDP with RTCP on port + 1 and by TCP. `0.0.0.0:PORT` stays IPv4 only and
/// `[::1]:PORT` works. A busy port is refused across families. The senders' own counts are the
/// reference. (This machine has IPv6 on lo; see `ip -6 addr show lo`.)
@Suite(.serialized) struct DualStackListenCommandTests {
    /// `recv --listen listen` for one `send --to destination`; the receiver's JSON summary and
    /// the sender's output.
    private func exchange(
        listen: String, destination: String, sendOptions: [String] = [], receiverSeconds: Int = 10
    ) throws -> (summary: [String: Any], sender: String) {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = directory.appendingPathComponent("summary.json").path
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", listen, "--until-idle", "1s", "--duration", "\(receiverSeconds)s", "--interval", "0s",
             "--no-decode", "--json", summary])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", destination, "--tone", "440", "--duration", "2s"] + sendOptions, timeoutSeconds: 30)
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        let received = try receiver.finish(timeoutSeconds: Double(receiverSeconds + 10))
        #expect(received.exitCode == 0, "\(received.stderr)")
        return (try readJSONObject(summary), sender.stdout)
    }

    /// "sent N packets" from the sender's summary line.
    private func sentPackets(_ output: String) -> Int? {
        guard let range = output.range(of: ": sent ") else { return nil }
        return Int(output[range.upperBound...].prefix { $0.isNumber })
    }

    /// "N receiver reports received" from the sender's RTCP line.
    private func receiverReports(_ output: String) -> Int? {
        guard let range = output.range(of: " receiver reports received") else { return nil }
        let before = output[..<range.lowerBound]
        return Int(String(before.reversed().prefix { $0.isNumber }.reversed()))
    }

    @Test(arguments: ["[::1]", "127.0.0.1"])
    func barePortTakesBothFamiliesByUDPWithRTCP(host: String) throws {
        let port = CommandRunner.freeUDPPort()
        let run = try exchange(listen: "\(port)", destination: "\(host):\(port)")
        let sent = try #require(sentPackets(run.sender), "\(run.sender)")
        #expect(sent == 100)
        // Every packet arrives, and RTCP comes back from port + 1. (`packets_udp` counts every
        // datagram of the stream, those held in A.1 probation too.)
        #expect(run.summary["packets_udp"] as? Int == sent, "\(run.summary)")
        #expect((receiverReports(run.sender) ?? 0) > 0, "\(run.sender)")
        // An IPv4 sender reads as itself, not as ::ffff:127.0.0.1.
        let stream = run.summary["stream"] as? String ?? ""
        #expect(stream.contains(host), "\(stream)")
    }

    @Test(arguments: ["[::1]", "127.0.0.1"])
    func barePortTakesBothFamiliesByTCP(host: String) throws {
        let port = CommandRunner.freeUDPPort()
        let run = try exchange(listen: "\(port)", destination: "\(host):\(port)", sendOptions: ["--transport", "tcp"])
        let sent = try #require(sentPackets(run.sender), "\(run.sender)")
        #expect(run.summary["packets_tcp"] as? Int == sent, "\(run.summary)")
    }

    @Test func readyLineSaysBothFamilies() throws {
        let port = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(["recv", "--listen", "\(port)", "--duration", "1s", "--interval", "0s"])
        let result = try receiver.finish(timeoutSeconds: 15)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("listening on [::]:\(port) (IPv6 and IPv4, UDP, RTCP on [::]:\(port + 1)"), "\(result.stdout)")
    }

    @Test func ipv4ListenStaysIPv4Only() throws {
        let port = CommandRunner.freeUDPPort()
        let run = try exchange(listen: "0.0.0.0:\(port)", destination: "[::1]:\(port)", receiverSeconds: 4)
        #expect((run.summary["packets_udp"] as? Int ?? 0) == 0, "\(run.summary)")
        #expect((receiverReports(run.sender) ?? 0) == 0, "\(run.sender)")
    }

    @Test func ipv6LoopbackListenWorks() throws {
        let port = CommandRunner.freeUDPPort()
        let run = try exchange(listen: "[::1]:\(port)", destination: "[::1]:\(port)")
        let sent = try #require(sentPackets(run.sender), "\(run.sender)")
        #expect(run.summary["packets_udp"] as? Int == sent, "\(run.summary)")
        #expect((receiverReports(run.sender) ?? 0) > 0, "\(run.sender)")
    }

    /// A busy port is refused whichever family holds it: exit 1, "already in use", and the
    /// first receiver keeps running.
    @Test(arguments: [
        ("PORT", "PORT"), ("PORT", "0.0.0.0:PORT"), ("0.0.0.0:PORT", "PORT"), ("[::1]:PORT", "PORT"),
        ("PORT", "[::1]:PORT"),
    ])
    func busyPortIsRefusedAcrossFamilies(first: String, second: String) throws {
        let port = CommandRunner.freeUDPPort()
        let firstListen = first.replacingOccurrences(of: "PORT", with: "\(port)")
        let secondListen = second.replacingOccurrences(of: "PORT", with: "\(port)")
        let running = try CommandRunner.startListening(["recv", "--listen", firstListen, "--duration", "20s", "--interval", "0s"])
        let refused = try CommandRunner.jitterbug(["recv", "--listen", secondListen, "--duration", "2s"])
        #expect(refused.exitCode == 1, "\(secondListen) after \(firstListen): \(refused.stderr)")
        #expect(refused.stderr.contains("already in use"), "\(refused.stderr)")
        #expect(running.process.isRunning)
        running.interrupt()
        _ = try running.finish(timeoutSeconds: 10)
    }
}
