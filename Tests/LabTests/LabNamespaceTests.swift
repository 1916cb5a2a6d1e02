import Lab
#if os(Linux)
import Foundation
import JitterbugTestSupport
import Synchronization
import Impairment
import Testing

/// The lab with real namespaces, TUN devices and kernel UDP/TCP. Needs root (CI runs as root);
/// skipped with the missing prerequisite otherwise. Every lab is shut down by `with`.
@Suite(.serialized, .enabled(if: LabTestSupport.canRunLab, Comment(rawValue: LabTestSupport.skipReason)))
struct LabNamespaceTests {
    typealias Support = LabTestSupport
    static let options = ImpairmentLab.Options(groundTruthRecordLimit: 100_000, handleInterrupts: false)

    /// Runs a UDP burst from sender to receiver and returns the receiver's JSON output.
    static func sendUDP(
        in lab: ImpairmentLab, count: Int, sizeBytes: Int, burst: Int, pauseSeconds: Double, keepSeqs: Bool,
        directory: String, limitSeconds: Int = 20
    ) async throws -> [String: Any] {
        let ready = directory + "/udp-ready"
        let receiver = try lab.spawn(
            .receiver, [Support.python, "-c", Support.udpReceiver, "5004", ready, "1.0", String(limitSeconds), keepSeqs ? "1" : "0"])
        #expect(await Wait.forFile(ready))
        let sent = try await lab.run(
            inSenderNamespace: [
                Support.python, "-c", Support.udpSender, lab.address(.receiver), "5004", String(count),
                String(sizeBytes), String(burst), String(pauseSeconds),
            ], timeout: .seconds(20))
        #expect(sent.succeeded, "\(sent.standardError)")
        let received = await receiver.wait(timeout: .seconds(25))
        #expect(received.succeeded, "\(received.standardError)")
        return try #require(Support.json(received.standardOutput))
    }

    /// Median UDP echo round trip between the namespaces, and over loopback inside the sender's.
    static func echoRoundTrips(in lab: ImpairmentLab, count: Int, directory: String) async throws -> (lab: Double, loopback: Double) {
        var medians: [Double] = []
        for (side, host) in [(LabSide.receiver, lab.address(.receiver)), (.sender, "127.0.0.1")] {
            let ready = directory + "/echo-ready-\(side.rawValue)"
            let echo = try lab.spawn(side, [Support.python, "-c", Support.udpEcho, "7007", ready, "30"])  // terminated below; the long timeout survives a loaded machine
            #expect(await Wait.forFile(ready))
            let ping = try await lab.run(
                inSenderNamespace: [Support.python, "-c", Support.udpPing, host, "7007", String(count)], timeout: .seconds(20))
            let result = try #require(Support.json(ping.standardOutput), "\(ping.standardError)")
            #expect(result["lost"] as? Int == 0)
            medians.append(try #require(result["median_us"] as? Double))
            echo.terminate()
        }
        return (medians[0], medians[1])
    }

    @Test func emptySpecDeliversEveryDatagramAndAddsUnderAMillisecond() async throws {
        let directory = try TemporaryDirectory.create(prefix: "jblab-test").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await ImpairmentLab.with(spec: ImpairmentSpec(), options: Self.options) { lab in
            let result = try await Self.sendUDP(
                in: lab, count: 500, sizeBytes: 200, burst: 25, pauseSeconds: 0.002, keepSeqs: true, directory: directory)
            #expect(result["count"] as? Int == 500)
            #expect(result["seqs"] as? [Int] == Array(0..<500))
            let up = lab.counters(.up)
            #expect(up.udp.packets == 500)
            #expect(up.packetsDropped == 0)
            #expect(up.copiesWritten == up.packetsRead - up.nonIPv4Discarded)
            let rtt = try await Self.echoRoundTrips(in: lab, count: 200, directory: directory)
            // Two relay passes per round trip: under 2 ms more than loopback is under 1 ms each way.
            #expect(rtt.lab - rtt.loopback < 2_000, "lab RTT \(rtt.lab) us, loopback \(rtt.loopback) us")
        }
    }

    @Test func delayIsAppliedInBothDirections() async throws {
        let directory = try TemporaryDirectory.create(prefix: "jblab-test").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = try ImpairmentSpec(parsing: "delay=20ms")
        try await ImpairmentLab.with(spec: spec, options: Self.options) { lab in
            let rtt = try await Self.echoRoundTrips(in: lab, count: 25, directory: directory)
            #expect(rtt.lab >= 40_000 && rtt.lab < 50_000, "lab RTT \(rtt.lab) us")
            #expect(lab.counters(.down).copiesWritten >= 25)
        }
    }

    @Test func udpLossMatchesTheGroundTruthExactly() async throws {
        let directory = try TemporaryDirectory.create(prefix: "jblab-test").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = try ImpairmentSpec(parsing: "loss=5%,seed=7")
        var options = Self.options
        options.groundTruthPathPrefix = directory + "/truth"
        let count = 2_000
        let lost = try await ImpairmentLab.with(spec: spec, options: options) { lab in
            let result = try await Self.sendUDP(
                in: lab, count: count, sizeBytes: 172, burst: 20, pauseSeconds: 0.002, keepSeqs: true, directory: directory)
            let seqs = try #require(result["seqs"] as? [Int])
            let missing = Set(0..<count).subtracting(seqs)
            let udp = lab.groundTruth(.up).filter { $0.packet.protocolName == "udp" }
            #expect(udp.count == count)
            let droppedByLog = Set(udp.enumerated().filter { $0.element.record.fate == .dropped }.map(\.offset))
            #expect(missing == droppedByLog)
            #expect(seqs.count == count - lab.counters(.up).udp.dropped)
            // The same seed offline gives the same losses: the lab adds none of its own.
            var engine = ImpairmentEngine(spec: spec, direction: .up)
            let offline = Set((0..<count).filter { _ in engine.process(sendTime: .zero, sizeBytes: 200).isDropped })
            #expect(missing == offline)
            #expect((40...160).contains(missing.count), "\(missing.count) of \(count) lost at 5%")
            return missing.count
        }
        let lines = try String(contentsOfFile: directory + "/truth-up.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == count)
        #expect(lines.first?.hasPrefix("{\"dir\":\"up\",\"proto\":\"udp\",") == true)
        #expect(lines.filter { $0.contains("\"fate\":\"dropped\"") }.count == lost)
    }

    @Test func duplicatedPacketsArriveTwice() async throws {
        let directory = try TemporaryDirectory.create(prefix: "jblab-test").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await ImpairmentLab.with(spec: try ImpairmentSpec(parsing: "up:duplicate=100%"), options: Self.options) { lab in
            let result = try await Self.sendUDP(
                in: lab, count: 100, sizeBytes: 100, burst: 10, pauseSeconds: 0.002, keepSeqs: true, directory: directory)
            let seqs = try #require(result["seqs"] as? [Int])
            #expect(seqs.count == 200)
            #expect(Set(seqs) == Set(0..<100))
            #expect(lab.counters(.up).udp.duplicated == 100)
            #expect(lab.counters(.up).copiesWritten == 200)
        }
    }

    @Test func corruptedPacketsAreRejectedByTheReceiversKernel() async throws {
        let directory = try TemporaryDirectory.create(prefix: "jblab-test").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await ImpairmentLab.with(spec: try ImpairmentSpec(parsing: "up:corrupt=100%,seed=3"), options: Self.options) { lab in
            let before = try await lab.snmpCounters(.receiver)
            let result = try await Self.sendUDP(
                in: lab, count: 100, sizeBytes: 100, burst: 10, pauseSeconds: 0.002, keepSeqs: true, directory: directory,
                limitSeconds: 2)
            let after = try await lab.snmpCounters(.receiver)
            let delta = { (group: String, name: String) in (after[group, name] ?? 0) - (before[group, name] ?? 0) }
            // One flipped bit breaks the IP header checksum or the UDP checksum (or a length).
            let rejected = delta("Ip", "InHdrErrors") + delta("Udp", "InErrors")
            #expect(lab.counters(.up).udp.corrupted == 100)
            #expect(result["count"] as? Int == 0)
            #expect(rejected == 100, "Ip InHdrErrors + Udp InErrors rose by \(rejected)")
        }
    }

    @Test func kernelTCPRetransmitsUnderLossAndStillDeliversEverything() async throws {
        let directory = try TemporaryDirectory.create(prefix: "jblab-test").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spec = try ImpairmentSpec(parsing: "loss=5%,seed=7")
        let bytes = 2_000_000
        try await ImpairmentLab.with(spec: spec, options: Self.options) { lab in
            let before = try await lab.tcpRetransmittedSegments(.sender)
            let ready = directory + "/tcp-ready"
            let server = try lab.spawn(.receiver, [Support.python, "-c", Support.tcpServer, "5005", ready, "25"])
            #expect(await Wait.forFile(ready))
            let client = try await lab.run(
                inSenderNamespace: [Support.python, "-c", Support.tcpClient, lab.address(.receiver), "5005", String(bytes)],
                timeout: .seconds(30))
            #expect(client.succeeded, "\(client.standardError)")
            let received = await server.wait(timeout: .seconds(5))
            #expect(Int(received.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) == bytes)
            let after = try await lab.tcpRetransmittedSegments(.sender)
            let up = lab.counters(.up)
            #expect(up.tcp.dropped > 0)
            #expect(after > before, "RetransSegs \(before) → \(after) with \(up.tcp.dropped) TCP segments dropped")
            #expect(lab.counters(.down).tcp.packets > 0)
        }
    }

    @Test func shutdownRemovesNamespacesAndDevices() async throws {
        let lab = try ImpairmentLab.start(spec: ImpairmentSpec(), options: Self.options)
        let names = [lab.senderNamespace, lab.receiverNamespace]
        #expect(Set(names).isSubset(of: try Support.namespaces()))
        let links = try await lab.run(inSenderNamespace: ["ip", "-o", "link"])
        #expect(links.standardOutput.contains(ImpairmentLab.senderInterface))
        #expect(lab.shutdown().isEmpty)
        #expect(lab.shutdown().isEmpty)
        #expect(lab.isShutDown)
        #expect(Set(names).isDisjoint(with: try Support.namespaces()))
        #expect(!(try Support.rootInterfaces()).contains("jbtun"))
        for name in names { #expect(!FileManager.default.fileExists(atPath: "/run/netns/" + name)) }
    }

    struct Deliberate: Error {}

    @Test func aThrowingBodyStillCleansUp() async throws {
        let names = Mutex<[String]>([])
        await #expect(throws: Deliberate.self) {
            try await ImpairmentLab.with(spec: ImpairmentSpec(), options: Self.options) { lab in
                names.withLock { $0 = [lab.senderNamespace, lab.receiverNamespace] }
                throw Deliberate()
            }
        }
        let created = names.withLock { $0 }
        #expect(created.count == 2)
        #expect(Set(created).isDisjoint(with: try Support.namespaces()))
    }

    @Test func aStaleLabOfADeadProcessIsRemovedByTheNextStart() async throws {
        let ip = try LabPrerequisites.current().check()
        let gone = try LabProcess(arguments: ["true"])
        _ = await gone.wait(timeout: .seconds(5))
        let deadPID = gone.processIdentifier
        try #require(!LabNamespaces.processExists(deadPID))
        let stale = LabNamespaces.names(pid: deadPID, serial: 0)
        let live = LabNamespaces.names(pid: getpid(), serial: 9_999).sender
        for name in [stale.sender, stale.receiver, live] {
            _ = try LabProcess(arguments: [ip, "netns", "add", name]).waitBlocking(timeout: .seconds(5))
        }
        defer {
            for name in [stale.sender, stale.receiver, live] {
                _ = try? LabProcess(arguments: [ip, "netns", "del", name]).waitBlocking(timeout: .seconds(5))
            }
        }
        try await ImpairmentLab.with(spec: ImpairmentSpec(), options: Self.options) { lab in
            #expect(Set(lab.removedStaleNamespaces) == [stale.sender, stale.receiver])
            let now = try Support.namespaces()
            #expect(!now.contains(stale.sender) && !now.contains(stale.receiver))
            #expect(now.contains(live))
        }
    }
}
#endif
