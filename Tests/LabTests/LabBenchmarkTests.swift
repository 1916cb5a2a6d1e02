import Lab
#if os(Linux)
import Foundation
import JitterbugTestSupport
import Impairment
import Testing

/// Forwarding rate and added latency of the lab with an empty spec, against a direct veth pair
/// between two namespaces (the kernel without the userspace relay). Runs only when
/// JITTERBUG_LAB_BENCH=1 (Tools/bench-lab sets it, in a release build); prints `BENCH` lines.
@Suite(.serialized, .enabled(if: LabTestSupport.canRunLab && ProcessInfo.processInfo.environment["JITTERBUG_LAB_BENCH"] == "1"))
struct LabBenchmarkTests {
    typealias Support = LabTestSupport
    /// Datagrams per blast; JITTERBUG_LAB_BENCH_PACKETS overrides.
    static let blastPackets = Int(ProcessInfo.processInfo.environment["JITTERBUG_LAB_BENCH_PACKETS"] ?? "") ?? 300_000
    static let pings = 2_000

    /// Runs a command in any namespace (`ip netns exec`), for the veth baseline namespaces.
    static func exec(_ namespace: String, _ arguments: [String], timeout: Duration = .seconds(60)) throws -> LabProcess {
        try LabProcess(arguments: ["ip", "netns", "exec", namespace] + arguments)
    }

    /// Blasts datagrams without pauses; returns (delivered, packets/s at the receiver, sender s).
    static func blast(sender: String, receiver: String, to host: String, sizeBytes: Int, directory: String) async throws -> (delivered: Int, rate: Double, sendSeconds: Double) {
        let ready = directory + "/blast-\(receiver)-\(sizeBytes)"
        let counter = try exec(receiver, [Support.python, "-c", Support.udpReceiver, "6000", ready, "1.0", "60", "0"])
        #expect(await Wait.forFile(ready))
        let send = try await exec(sender, [
            Support.python, "-c", Support.udpSender, host, "6000", String(blastPackets), String(sizeBytes), "0", "0",
        ]).wait(timeout: .seconds(60))
        let result = try #require(Support.json(await counter.wait(timeout: .seconds(70)).standardOutput))
        let count = try #require(result["count"] as? Int)
        let span = try #require(result["span"] as? Double)
        return (count, span > 0 ? Double(count) / span : 0, Double(send.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0)
    }

    /// Median and p99 UDP echo round trip in microseconds.
    static func echo(client: String, server: String, host: String, directory: String) async throws -> (median: Double, p99: Double) {
        let ready = directory + "/echo-\(server)"
        let echo = try exec(server, [Support.python, "-c", Support.udpEcho, "7008", ready, "2"])
        #expect(await Wait.forFile(ready))
        let ping = try await exec(client, [Support.python, "-c", Support.udpPing, host, "7008", String(pings)]).wait()
        echo.terminate()
        let result = try #require(Support.json(ping.standardOutput))
        return (try #require(result["median_us"] as? Double), try #require(result["p99_us"] as? Double))
    }

    static func report(_ label: String, _ value: String) {
        print("BENCH \(label): \(value)")
    }

    @Test func forwardingRateAndAddedLatencyWithAnEmptySpec() async throws {
        let directory = try TemporaryDirectory.create(prefix: "jblab-test").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Baseline: two namespaces joined by a veth pair (RFC 5737 TEST-NET-2, namespaces only).
        let a = "jbbench-\(getpid())-a"
        let b = "jbbench-\(getpid())-b"
        let setup: [[String]] = [
            ["netns", "add", a], ["netns", "add", b],
            ["-n", a, "link", "add", "jbveth-a", "type", "veth", "peer", "name", "jbveth-b", "netns", b],
            ["-n", a, "addr", "add", "198.51.100.1/24", "dev", "jbveth-a"],
            ["-n", b, "addr", "add", "198.51.100.2/24", "dev", "jbveth-b"],
            ["-n", a, "link", "set", "jbveth-a", "up"], ["-n", b, "link", "set", "jbveth-b", "up"],
            ["-n", a, "link", "set", "lo", "up"], ["-n", b, "link", "set", "lo", "up"],
        ]
        defer {
            for name in [a, b] { _ = try? LabProcess(arguments: ["ip", "netns", "del", name]).waitBlocking(timeout: .seconds(5)) }
        }
        for arguments in setup {
            let result = try LabProcess(arguments: ["ip"] + arguments).waitBlocking(timeout: .seconds(5))
            try #require(result.succeeded, "\(arguments): \(result.standardError)")
        }
        Self.report("packets per blast", String(Self.blastPackets))
        for size in [64, 1200] {
            let veth = try await Self.blast(sender: a, receiver: b, to: "198.51.100.2", sizeBytes: size, directory: directory)
            Self.report("veth \(size) B", "delivered \(veth.delivered), \(Int(veth.rate)) packets/s at the receiver, sender took \(veth.sendSeconds) s")
        }
        let vethEcho = try await Self.echo(client: a, server: b, host: "198.51.100.2", directory: directory)
        Self.report("veth echo RTT", "median \(Int(vethEcho.median)) us, p99 \(Int(vethEcho.p99)) us")

        var options = ImpairmentLab.Options(handleInterrupts: false)
        options.schedulerCapacityPackets = 1_000
        try await ImpairmentLab.with(spec: ImpairmentSpec(), options: options) { lab in
            for size in [64, 1200] {
                let before = lab.counters(.up)
                let start = ContinuousClock.now
                let run = try await Self.blast(
                    sender: lab.senderNamespace, receiver: lab.receiverNamespace, to: lab.address(.receiver),
                    sizeBytes: size, directory: directory)
                let up = lab.counters(.up)
                Self.report("lab \(size) B", "delivered \(run.delivered), \(Int(run.rate)) packets/s at the receiver, "
                    + "relay read \(up.packetsRead - before.packetsRead) wrote \(up.copiesWritten - before.copiesWritten) "
                    + "(write errors \(up.writeErrors)), sender took \(run.sendSeconds) s, total \(ContinuousClock.now - start)")
                #expect(run.rate >= 50_000, "the lab must forward at least 50,000 packets/s")
            }
            let labEcho = try await Self.echo(client: lab.senderNamespace, server: lab.receiverNamespace, host: lab.address(.receiver), directory: directory)
            Self.report("lab echo RTT", "median \(Int(labEcho.median)) us, p99 \(Int(labEcho.p99)) us")
            let added = (labEcho.median - vethEcho.median) / 2
            Self.report("added one-way latency (median)", "\(Int(added)) us")
            #expect(added < 1_000, "the lab must add under 1 ms with an empty spec")
        }
    }
}
#endif
