import Foundation
import JitterbugTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `jitterbug probe` through network changes (issue #20: "survives … network changes"): two
/// probes in two network namespaces test each other every 2 s. First probe a's link goes down
/// until one of its tests has failed (a few seconds), then its address is removed until one has
/// failed and is added again (a DHCP-style renumbering of the same address). After each change
/// both probes must still be running and must each finish a good test in both directions soon
/// after the network comes back (two periods, 4 s, plus a test: printed; 15 s allowed).
/// Results are read from their `--events` files (the namespaces are not reachable from the test
/// process).
@Suite(
    .serialized,
    .enabled(
        if: getuid() == 0 && ExternalProgram.which("ip") != nil && ExternalProgram.which("nft") != nil,
        "needs root and iproute2 (Tools/setup)"),
    .enabled(if: ProbeExecutable.isAvailable, "this jitterbug has no probe command"))
struct ProbeNetworkChangeTests {
    static let port = 5004
    static let everySeconds = 2.0

    struct Event {
        var probe: String
        var direction: String
        var ok: Bool
        var endedAt: Double
    }

    static func events(_ path: URL, probe: String) -> [Event] {
        let text = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard let record = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let direction = record["direction"] as? String, let ended = record["ended_at_unix_s"] as? Double
            else { return nil }
            return Event(probe: probe, direction: direction, ok: record["result"] as? String == "ok", endedAt: ended)
        }
    }

    @Test func probesRecoverFromALinkFlapAndARenumbering() throws {
        let ip = try #require(ExternalProgram.which("ip"))
        let nft = try #require(ExternalProgram.which("nft"))
        let mesh = try NamespaceBridgeMesh(ip: ip, nft: nft, prefix: "jbnc\(getpid() % 10_000)", count: 2, subnet: 213)
        defer { mesh.remove() }
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [directory.appendingPathComponent("a.jsonl"), directory.appendingPathComponent("b.jsonl")]
        let names = ["a", "b"]
        var probes: [RunningCommand] = []
        defer { for probe in probes { _ = try? probe.finish(timeoutSeconds: 0) } }
        for index in 0..<2 {
            let other = 1 - index
            probes.append(try mesh.start(in: index, ProbeExecutable.path, [
                "probe", "--name", names[index], "--listen", "\(mesh.address(of: index)):\(Self.port)",
                "--peer", "\(names[other])=\(mesh.address(of: other)):\(Self.port)",
                "--every", "\(Int(Self.everySeconds))s", "--test", "1s", "--events", files[index].path,
            ]))
        }
        for probe in probes { try probe.waitForLine(containing: "listening on", timeoutSeconds: 20) }

        /// Every probe has a good test in both directions that ended after `since`.
        func allGood(after since: Double) -> Bool {
            (0..<2).allSatisfy { index in
                let good = Self.events(files[index], probe: names[index]).filter { $0.ok && $0.endedAt > since }
                return Set(good.map(\.direction)) == ["inbound", "outbound"]
            }
        }
        func logs() -> String {
            (0..<2).map { "\(names[$0]): \((try? String(contentsOf: files[$0], encoding: .utf8)) ?? "")" }.joined(separator: "\n")
        }
        #expect(Wait.until(timeoutSeconds: 20) { allGood(after: 0) }, "no steady state\n\(logs())")

        let changes: [(name: String, down: [String], up: [String])] = [
            ("link down", ["-n", mesh.members[0], "link", "set", "eth0", "down"],
             ["-n", mesh.members[0], "link", "set", "eth0", "up"]),
            ("address removed", ["-n", mesh.members[0], "addr", "del", "\(mesh.address(of: 0))/24", "dev", "eth0"],
             ["-n", mesh.members[0], "addr", "add", "\(mesh.address(of: 0))/24", "dev", "eth0"]),
        ]
        for change in changes {
            let down = try CommandRunner.run(ip, change.down, timeoutSeconds: 10)
            try #require(down.exitCode == 0, "\(change.name): \(down.stderr)")
            let wentDown = Date().timeIntervalSince1970
            // The network stays away until one of a's tests to b has failed (counted, not fatal):
            // a test ends 1 s after it starts plus the wait for a last report, so a few seconds.
            let failed = Wait.until(timeoutSeconds: 12) {
                Self.events(files[0], probe: "a").contains { !$0.ok && $0.direction == "outbound" && $0.endedAt > wentDown }
            }
            #expect(failed, "\(change.name): no failed test from a while its network was away\n\(logs())")
            let up = try CommandRunner.run(ip, change.up, timeoutSeconds: 10)
            try #require(up.exitCode == 0, "\(change.name): \(up.stderr)")
            let cameBack = Date().timeIntervalSince1970
            // Two periods, plus a test (1 s) and the end-of-test report wait, and room for a
            // loaded machine; the time it took is printed.
            let recovered = Wait.until(timeoutSeconds: 15) { allGood(after: cameBack) }
            let took = Date().timeIntervalSince1970 - cameBack
            print("probe network change: \(change.name): good tests both ways \(String(format: "%.1f", took)) s after the network came back")
            #expect(recovered, "\(change.name): no good test both ways within 15 s\n\(logs())")
            for (index, probe) in probes.enumerated() {
                #expect(probe.process.isRunning, "\(names[index]) exited after \(change.name)")
            }
        }
        for probe in probes { probe.process.terminate() }
        for (index, probe) in probes.enumerated() {
            let finished = try probe.finish(timeoutSeconds: 10)
            #expect(finished.exitCode == 0, "\(names[index]): \(finished.stderr.suffix(1_000))")
        }
        probes = []
    }
}
