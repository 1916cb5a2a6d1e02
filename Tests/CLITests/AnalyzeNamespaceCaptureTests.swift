import Foundation
import JitterbugTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `analyze` on Ethernet captured on a veth between two network namespaces,
/// and on a pcapng whose two interfaces have different link types (that Ethernet capture merged
/// with a Linux cooked SLL2 one by mergecap: libpcap 1.10 cannot read such a file).
@Suite(
    .serialized,
    .enabled(
        if: CommandRunner.which("tshark") != nil && CommandRunner.which("mergecap") != nil
            && CommandRunner.which("ip") != nil && getuid() == 0,
        "needs tshark, mergecap, iproute2 and root"))
struct AnalyzeNamespaceCaptureTests {
    @Test func ethernetAndAMixedLinkTypePcapng() throws {
        let (tshark, ip) = (try #require(CommandRunner.which("tshark")), try #require(CommandRunner.which("ip")))
        let mergecap = try #require(CommandRunner.which("mergecap"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pair = try VethNamespacePair(ip: ip, prefix: "jban\(getpid() % 10_000)")
        defer { pair.remove() }
        let ethernetCapture = directory.appendingPathComponent("veth.pcapng").path
        let cookedCapture = directory.appendingPathComponent("sll2.pcapng").path
        let summaryPath = directory.appendingPathComponent("summary.json").path
        let (port, loopbackPort) = (CommandRunner.freeUDPPort(), CommandRunner.freeUDPPort())

        // The stream between the namespaces, on Ethernet.
        let capturing = try CommandRunner.start(
            ip, pair.exec(in: pair.receiver, [tshark, "-i", VethNamespacePair.receiverLink, "-f", "udp dst port \(port)",
                                              "-w", ethernetCapture, "-a", "duration:15"]))
        try capturing.waitForLine(containing: "Capturing on")
        let receiver = try CommandRunner.start(
            ip, pair.exec(in: pair.receiver, [CommandRunner.jitterbugPath, "recv", "--listen",
                                              "\(VethNamespacePair.receiverAddress):\(port)", "--until-idle", "1s",
                                              "--duration", "20s", "--interval", "0s", "--json", summaryPath]))
        try receiver.waitForLine(containing: "jitterbug recv: listening on")
        // A second stream on loopback at the same time, captured as SLL2.
        let cooked = try TsharkCapture.start(
            tshark: tshark, filter: "udp dst port \(loopbackPort)", to: cookedCapture, seconds: 15, interface: "any",
            options: ["-y", "LINUX_SLL2"])
        let loopbackSender = try CommandRunner.start(
            CommandRunner.jitterbugPath, ["send", "--to", "127.0.0.1:\(loopbackPort)", "--tone", "300", "--duration", "2s"])
        let sender = try CommandRunner.run(
            ip, pair.exec(in: pair.sender, [CommandRunner.jitterbugPath, "send", "--to",
                                            "\(VethNamespacePair.receiverAddress):\(port)", "--tone", "440",
                                            "--duration", "2s"]),
            timeoutSeconds: 30)
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try loopbackSender.finish(timeoutSeconds: 20).exitCode == 0)
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        for running in [capturing, cooked] {
            running.interrupt()
            _ = try running.finish(timeoutSeconds: 20)
        }

        let summary = try readJSONObject(summaryPath)
        let received = try #require(summary["packets"] as? Int)
        let tagged = try TsharkRTPFields(tshark: tshark, capture: ethernetCapture, port: port, display: "eth && rtp")
        #expect(tagged.packets.count == received, "every packet was captured as an Ethernet frame")
        let ethernet = try AnalyzeRun([ethernetCapture]).stream(toPort: port)
        #expect(ethernet["packets"] as? Int == received)
        #expect(ethernet["lost"] as? Int == 0)
        let jitter = try #require(ethernet["jitter_ms"] as? Double)
        #expect(abs(jitter - tagged.jitterMilliseconds()) <= max(0.01 * jitter, 0.001))

        let loopback = try AnalyzeRun([cookedCapture]).stream(toPort: loopbackPort)
        let merged = directory.appendingPathComponent("merged.pcapng").path
        let merging = try CommandRunner.run(mergecap, ["-F", "pcapng", "-w", merged, ethernetCapture, cookedCapture])
        #expect(merging.exitCode == 0, "\(merging.stderr)")
        let both = try AnalyzeRun([merged])
        #expect(both.streams.count == 2)
        #expect(AnalyzeRun.counts(try both.stream(toPort: port)) == AnalyzeRun.counts(ethernet))
        #expect(AnalyzeRun.counts(try both.stream(toPort: loopbackPort)) == AnalyzeRun.counts(loopback))
        // The same two files given one after the other: the same streams.
        let twoFiles = try AnalyzeRun([ethernetCapture, cookedCapture])
        #expect(twoFiles.streams.count == 2)
    }
}
