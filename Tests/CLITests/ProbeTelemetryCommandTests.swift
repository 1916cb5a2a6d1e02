import Foundation
import JitterbugTestSupport
import Testing

/// `probe --telemetry`: a probe testing with sensor telemetry instead of a tone. What went on
/// the wire is read back by tshark (the independent count), and both probes' views of the test
/// must agree with it: the sender's packets, the responder's, no loss on loopback, and no MOS
/// for a stream nobody hears.
@Suite(.serialized) struct ProbeTelemetryCommandTests {
    @Test func aTelemetryTestAgreesWithTheWire() throws {
        let tshark = try #require(CommandRunner.which("tshark"))
        let directory = try TemporaryDirectory.create()
        defer { try? FileManager.default.removeItem(at: directory) }
        let eventsA = directory.appendingPathComponent("a.jsonl").path
        let eventsB = directory.appendingPathComponent("b.jsonl").path
        let capture = directory.appendingPathComponent("lo.pcapng").path
        let portA = ProbeCommandTests.freePortPair()
        let portB = ProbeCommandTests.freePortPair()
        // b answers (and tests a with the default tone, once a minute); up for 2 s before a's
        // first test so its responder reports that test (streams seen in its first 1.5 s are not).
        let b = try ProbeCommandTests.Probe.start(
            name: "b", port: portB, arguments: ["--peer", "a=127.0.0.1:\(portA)", "--every", "60s", "--test", "1s", "--events", eventsB])
        defer { b.stop() }
        Thread.sleep(forTimeInterval: 2)
        let capturing = try TsharkCapture.start(tshark: tshark, filter: "udp dst port \(portB)", to: capture, seconds: 8)
        // 2 s of a counter at 50 samples/s, 2 per packet: 50 packets in a's first test.
        let a = try ProbeCommandTests.Probe.start(
            name: "a", port: portA,
            arguments: ["--peer", "b=127.0.0.1:\(portB)", "--every", "30s", "--test", "2s", "--events", eventsA,
                        "--telemetry", "counter", "--rate", "50hz", "--samples-per-frame", "2"])
        defer { a.stop() }
        func record(_ path: String, direction: String) -> [String: Any]? {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return text.split(separator: "\n")
                .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                .first { $0["direction"] as? String == direction && $0["peer"] as? String == (path == eventsA ? "b" : "a") }
        }
        #expect(Wait.until(timeoutSeconds: 15) { record(eventsA, direction: "outbound") != nil && record(eventsB, direction: "inbound") != nil })
        _ = try capturing.finish(timeoutSeconds: 20)
        let outbound = try #require(record(eventsA, direction: "outbound"), "a: \(a.scrape())")
        let inbound = try #require(record(eventsB, direction: "inbound"), "b: \(b.scrape())")

        // tshark's count of a's telemetry packets (payload type 100) to b.
        let fields = try CommandRunner.run(
            tshark, ["-r", capture, "-d", "udp.port==\(portB),rtp", "-Y", "rtp.p_type == 100", "-T", "fields", "-e", "rtp.ssrc", "-e", "rtp.seq"])
        #expect(fields.exitCode == 0, "\(fields.stderr)")
        let packets = fields.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        let ssrcs = Set(packets.compactMap(\.first))
        #expect(ssrcs.count == 1, "one test in the capture: \(ssrcs)")
        #expect(packets.count == 50, "tshark saw \(packets.count)")

        #expect(outbound["result"] as? String == "ok", "\(outbound)")
        #expect(outbound["media"] as? String == "telemetry")
        #expect(outbound["packets_sent"] as? Int == packets.count)
        #expect(outbound["loss_ratio"] as? Double == 0)
        #expect(outbound["rtt_s"] is Double, "the peer's receiver reports came back: \(outbound)")
        #expect(outbound["mos"] == nil, "no MOS for telemetry: \(outbound)")

        #expect(inbound["media"] as? String == "telemetry")
        #expect(inbound["packets_received"] as? Int == packets.count)
        #expect(inbound["loss_ratio"] as? Double == 0)
        #expect(inbound["jitter_s"] is Double)
        #expect(inbound["mos"] == nil, "no MOS for telemetry: \(inbound)")
        // No MOS series for the telemetry direction; loss is there.
        let text = b.scrape()
        #expect(!text.contains(#"jitterbug_probe_mos{peer="a",direction="inbound"}"#), "\(text)")
        #expect(ProbeCommandTests.value(#"jitterbug_probe_loss_ratio{peer="a",direction="inbound"}"#, in: text) == 0, "\(text)")
    }
}
