import Foundation
import JitterbugTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `jitterbug probe` end to end on loopback: two probes testing each other, loss checked
/// against the impairment relay's own counters, a peer that is down and comes back, reloads on
/// SIGHUP, clean shutdown, and usage errors.
@Suite(.serialized) struct ProbeCommandTests {
    /// A probe started on free ports; stopped (SIGTERM) at the end of the test whatever happens.
    struct Probe {
        let command: RunningCommand
        let port: Int
        let metricsPort: Int

        static func start(name: String, port: Int = FreePort.udp(), arguments: [String]) throws -> Probe {
            let metricsPort = FreePort.tcp()
            let command = try CommandRunner.start(
                CommandRunner.jitterbugPath,
                ["probe", "--name", name, "--listen", "127.0.0.1:\(port)", "--metrics", "127.0.0.1:\(metricsPort)"] + arguments)
            try command.waitForLine(containing: "\(name) listening on")
            return Probe(command: command, port: port, metricsPort: metricsPort)
        }

        func scrape() -> String { HTTPGet.get(port: metricsPort, path: "/metrics")?.1 ?? "" }

        /// The value of one series, written exactly as the exposition has it (`name{labels}`).
        func value(_ series: String) -> Double? { ProbeCommandTests.value(series, in: scrape()) }

        func signal(_ number: Int32) { kill(command.process.processIdentifier, number) }

        func stop() { if command.process.isRunning { command.process.terminate() } }
    }

    static func value(_ series: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    /// A UDP port whose port + 1 is free too (RTCP), for a probe or relay started later.
    static func freePortPair() -> Int {
        for _ in 0..<50 {
            let port = FreePort.udp()
            if port < 65_535, !UDPPortProbe.isBound(port + 1) { return port }
        }
        return FreePort.udp()
    }

    @Test func twoProbesSeeBothDirectionsOfEachOther() throws {
        let directory = try TemporaryDirectory.create()
        defer { try? FileManager.default.removeItem(at: directory) }
        let events = directory.appendingPathComponent("events.jsonl").path
        let portA = Self.freePortPair()
        let portB = Self.freePortPair()
        let a = try Probe.start(
            name: "a", port: portA, arguments: ["--peer", "b=127.0.0.1:\(portB)", "--every", "3s", "--test", "1s", "--events", events])
        defer { a.stop() }
        let b = try Probe.start(name: "b", port: portB, arguments: ["--peer", "a=127.0.0.1:\(portA)", "--every", "3s", "--test", "1s"])
        defer { b.stop() }
        for (probe, peer) in [(a, "b"), (b, "a")] {
            let complete = Wait.until(timeoutSeconds: 15) {
                let text = probe.scrape()
                return ["outbound", "inbound"].allSatisfy { Self.value(#"jitterbug_probe_mos{peer="\#(peer)",direction="\#($0)"}"#, in: text) != nil }
                    && Self.value(#"jitterbug_probe_up{peer="\#(peer)"}"#, in: text) == 1
            }
            let text = probe.scrape()
            #expect(complete, "\(text)")
            #expect(Self.value(#"jitterbug_probe_up{peer="\#(peer)"}"#, in: text) == 1)
            for direction in ["outbound", "inbound"] {
                #expect(Self.value(#"jitterbug_probe_loss_ratio{peer="\#(peer)",direction="\#(direction)"}"#, in: text) == 0, "\(text)")
                let mos = Self.value(#"jitterbug_probe_mos{peer="\#(peer)",direction="\#(direction)"}"#, in: text) ?? 0
                // Clean loopback: the codec's best (4.37), unless a busy host made packets late
                // for the jitter buffer (counted inbound as late loss, which the MOS includes).
                let late = Self.value(#"jitterbug_probe_late_loss_ratio{peer="\#(peer)",direction="\#(direction)"}"#, in: text) ?? 0
                #expect(mos <= 4.5 && (mos > 4.0 || (direction == "inbound" && late > 0 && mos >= 1)), "MOS \(mos), late \(late)")
                let jitter = Self.value(#"jitterbug_probe_jitter_seconds{peer="\#(peer)",direction="\#(direction)"}"#, in: text) ?? -1
                #expect(jitter >= 0 && jitter < 0.02, "jitter \(jitter)")
            }
            let rtt = Self.value(#"jitterbug_probe_rtt_seconds{peer="\#(peer)"}"#, in: text) ?? -1
            #expect(rtt >= 0 && rtt < 0.05, "rtt \(rtt)")
            #expect((Self.value(#"jitterbug_probe_tests_total{peer="\#(peer)",transport="udp",result="ok"}"#, in: text) ?? 0) >= 1)
            #expect(text.contains(#"jitterbug_probe_one_way_delay_seconds_count{peer="\#(peer)",direction="inbound"}"#))
            // Only configured peers (and "other") as label values.
            #expect(!text.contains(#"peer="other""#), "\(text)")
        }
        // SIGTERM: a clean shutdown, exit 0, the metrics endpoint closed.
        a.stop()
        let finished = try a.command.finish(timeoutSeconds: 10)
        #expect(finished.exitCode == 0, "\(finished.stderr)")
        #expect(finished.stdout.contains("jitterbug probe: stopped"))
        #expect(HTTPGet.get(port: a.metricsPort, path: "/metrics") == nil)
        // One JSON line per finished test and direction, agreeing with the metrics.
        let lines = try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n")
        let records = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        for direction in ["outbound", "inbound"] {
            let record = try #require(records.first { $0["direction"] as? String == direction }, "\(lines)")
            #expect(record["probe"] as? String == "a")
            #expect(record["peer"] as? String == "b")
            #expect(record["result"] as? String == "ok")
            #expect(record["loss_ratio"] as? Double == 0)
            #expect(record["mos"] is Double)
        }
        #expect(records.first { $0["direction"] as? String == "outbound" }?["packets_sent"] as? Int == 50)
        b.command.interrupt()
        #expect(try b.command.finish(timeoutSeconds: 10).exitCode == 130)
    }

    /// One direction through `jitterbug impair`: the drops its counters report are the
    /// receiving probe's inbound loss and the sending probe's outbound loss (learned by RTCP).
    @Test func lossMatchesTheImpairmentRelaysDrops() throws {
        let portA = Self.freePortPair()
        let portB = Self.freePortPair()
        let relayPort = Self.freePortPair()
        // b tests a directly (the clean direction) every 6 s; a tests b once, through the relay
        // (which latches on the first sender's ports).
        let b = try Probe.start(name: "b", port: portB, arguments: ["--peer", "a=127.0.0.1:\(portA)", "--every", "6s", "--test", "2s"])
        defer { b.stop() }
        // b's first test (to a, not yet there) fails: b has been listening for a while, so a's
        // test through the relay is not taken for one begun before b listened.
        try b.command.waitForLine(containing: "outbound test to a: failed", timeoutSeconds: 15)
        // Everything towards b is dropped from 2.5 s to 2.7 s after the relay starts: inside a's
        // test (which starts when a listens, within a second or so, and lasts 4 s), away from
        // its first and last packets (RFC 3550 counts loss between them) and from its BYE, so the
        // final receiver report reaches a. b's reports come back unimpaired (up: only).
        let relay = try CommandRunner.startListening(
            ["impair", "--listen", "127.0.0.1:\(relayPort)", "--forward", "127.0.0.1:\(portB)", "--impair", "up:blackhole=2500ms+200ms"],
            readyLine: "jitterbug impair: relaying")
        defer { if relay.process.isRunning { relay.process.terminate() } }
        let a = try Probe.start(name: "a", port: portA, arguments: ["--peer", "b=127.0.0.1:\(relayPort)", "--every", "60s", "--test", "4s"])
        defer { a.stop() }
        try a.command.waitForLine(containing: "outbound test to b:", timeoutSeconds: 15)
        try b.command.waitForLine(containing: "inbound test from a:", timeoutSeconds: 15)
        relay.interrupt()
        let relayed = try relay.finish(timeoutSeconds: 10)
        let dropped = try #require(Self.droppedRTP(relayed.stdout), "\(relayed.stdout)")
        #expect(dropped > 0)
        let outboundLost = a.value(#"jitterbug_probe_packets_lost_total{peer="b",direction="outbound"}"#)
        let inboundLost = b.value(#"jitterbug_probe_packets_lost_total{peer="a",direction="inbound"}"#)
        #expect(inboundLost == Double(dropped), "relay: \(relayed.stdout)\nb: \(b.scrape())")
        #expect(outboundLost == Double(dropped), "relay: \(relayed.stdout)\na: \(a.scrape())")
        let sent = a.value(#"jitterbug_probe_packets_sent_total{peer="b"}"#) ?? 0
        let ratio = a.value(#"jitterbug_probe_loss_ratio{peer="b",direction="outbound"}"#) ?? -1
        #expect(abs(ratio - Double(dropped) / sent) < 1e-9, "ratio \(ratio), \(dropped) of \(sent)")
        // The clean direction (b → a, direct) lost nothing.
        #expect(Wait.until(timeoutSeconds: 12) { a.value(#"jitterbug_probe_mos{peer="b",direction="inbound"}"#) != nil })
        #expect(a.value(#"jitterbug_probe_packets_lost_total{peer="b",direction="inbound"}"#) == 0)
        // Lower quality where packets were lost.
        let impairedMOS = b.value(#"jitterbug_probe_mos{peer="a",direction="inbound"}"#) ?? 5
        let cleanMOS = a.value(#"jitterbug_probe_mos{peer="b",direction="inbound"}"#) ?? 0
        #expect(impairedMOS < cleanMOS, "impaired \(impairedMOS), clean \(cleanMOS)")
    }

    /// `up rtp: N in, M out, D dropped, …` from the relay's summary.
    static func droppedRTP(_ text: String) -> Int? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("up rtp:") }),
            let range = line.range(of: " dropped")
        else { return nil }
        return Int(line[..<range.lowerBound].split(separator: " ").last ?? "")
    }

    /// A peer that is down: failed tests counted, up 0, the probe keeps running; the peer
    /// comes back: up 1 again within two intervals.
    @Test func aPeerThatIsDownThenComesBack() throws {
        let portA = Self.freePortPair()
        let portB = Self.freePortPair()
        let a = try Probe.start(name: "a", port: portA, arguments: ["--peer", "b=127.0.0.1:\(portB)", "--every", "3s", "--test", "1s"])
        defer { a.stop() }
        let failedSeries = #"jitterbug_probe_tests_total{peer="b",transport="udp",result="failed"}"#
        #expect(Wait.until(timeoutSeconds: 15) { (a.value(failedSeries) ?? 0) >= 2 }, "\(a.scrape())")
        #expect(a.value(#"jitterbug_probe_up{peer="b"}"#) == 0)
        #expect(a.command.process.isRunning)
        let cameBack = Date()
        let b = try Probe.start(name: "b", port: portB, arguments: ["--peer", "a=127.0.0.1:\(portA)", "--every", "3s", "--test", "1s"])
        defer { b.stop() }
        #expect(Wait.until(timeoutSeconds: 12) { a.value(#"jitterbug_probe_up{peer="b"}"#) == 1 }, "\(a.scrape())")
        // Two intervals (6 s), plus the test and its goodbye.
        #expect(Date().timeIntervalSince(cameBack) < 6 + 1 + 2)
        a.stop()
        #expect(try a.command.finish(timeoutSeconds: 10).exitCode == 0)
    }

    /// `--allow-from`: tests from other sources are dropped, so the sender learns nothing and
    /// counts the peer down.
    @Test func allowFromRefusesOtherSources() throws {
        let portA = Self.freePortPair()
        let portB = Self.freePortPair()
        let b = try Probe.start(name: "b", port: portB, arguments: ["--allow-from", "192.0.2.0/24", "--allow-from", "198.51.100.0/24"])
        defer { b.stop() }
        let a = try Probe.start(name: "a", port: portA, arguments: ["--peer", "b=127.0.0.1:\(portB)", "--every", "3s", "--test", "1s"])
        defer { a.stop() }
        #expect(Wait.until(timeoutSeconds: 10) {
            a.value(#"jitterbug_probe_tests_total{peer="b",transport="udp",result="failed"}"#) == 1
        }, "\(a.scrape())")
        #expect(a.value(#"jitterbug_probe_up{peer="b"}"#) == 0)
        #expect(!b.scrape().contains("jitterbug_probe_packets_received_total"))
        // The refused datagrams are counted where the responder shows them.
        #expect(Wait.until(timeoutSeconds: 5) {
            (b.value(#"jitterbug_probe_rejected_datagrams_total{reason="not_allowed"}"#) ?? 0) > 0
        }, "\(b.scrape())")
    }

    /// SIGHUP reads --peers again (YAML, then JSON); a bad file keeps the old list and says why.
    @Test func sighupReloadsThePeerFile() throws {
        let directory = try TemporaryDirectory.create()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("peers.yaml").path
        try "- {name: b, address: \"127.0.0.1:9\"}\n".write(toFile: file, atomically: true, encoding: .utf8)
        let c = try Probe.start(name: "c", arguments: [])
        defer { c.stop() }
        let a = try Probe.start(name: "a", arguments: ["--peers", file, "--every", "2s", "--test", "1s"])
        defer { a.stop() }
        #expect(Wait.until(timeoutSeconds: 10) { a.value(#"jitterbug_probe_up{peer="b"}"#) == 0 })
        // JSON now: b stays, c (a live probe) joins and is tested from the next period.
        try #"[{"name": "b", "address": "127.0.0.1:9"}, {"name": "c", "address": "127.0.0.1:\#(c.port)"}]"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        a.signal(SIGHUP)
        try a.command.waitForLine(containing: "reloaded 2 peers from '\(file)'")
        #expect(Wait.until(timeoutSeconds: 12) { a.value(#"jitterbug_probe_up{peer="c"}"#) == 1 }, "\(a.scrape())")
        // A bad file keeps the list in use and names the file and the problem.
        try #"[{"name": "b", "address": "127.0.0.1"}]"#.write(toFile: file, atomically: true, encoding: .utf8)
        a.signal(SIGHUP)
        let error = try a.command.waitForLine(containing: "reloading '\(file)' failed")
        #expect(error.contains("keeping the 2 peers in use"), "\(error)")
        #expect(error.contains("invalid address '127.0.0.1'"), "\(error)")
        #expect(a.command.process.isRunning)
        // Dropping b removes its series: the label set follows the list.
        try "- {name: c, address: \"127.0.0.1:\(c.port)\"}\n".write(toFile: file, atomically: true, encoding: .utf8)
        a.signal(SIGHUP)
        try a.command.waitForLine(containing: "reloaded 1 peers from '\(file)'")
        let text = a.scrape()
        #expect(!text.contains(#"peer="b""#), "\(text)")
        #expect(text.contains(#"jitterbug_probe_up{peer="c"} 1"#), "\(text)")
        a.stop()
        #expect(try a.command.finish(timeoutSeconds: 10).exitCode == 0)
        // A bad file at start is a usage error.
        try #"[{"name": "b", "address": "127.0.0.1"}]"#.write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try CommandRunner.jitterbug(["probe", "--name", "a", "--listen", "0", "--peers", file], timeoutSeconds: 20)
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("peer file '\(file)'"), "\(bad.stderr)")
        let missing = try CommandRunner.jitterbug(["probe", "--name", "a", "--listen", "0", "--peers", directory.path + "/none.yaml"])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("cannot read peer file"), "\(missing.stderr)")
    }

    @Test(arguments: [
        (["--every", "0s"], "invalid --every '0ms'"),
        (["--every", "60s", "--test", "90s"], "invalid --test '90s': longer than --every 60s"),
        (["--test", "0s"], "invalid --test '0ms'"),
        (["--peer", "b=127.0.0.1:5004", "--peer", "b=127.0.0.1:6004"], "duplicate peer name 'b'"),
        (["--peer", "b=127.0.0.1"], "--peer 'b=127.0.0.1': invalid address '127.0.0.1' for 'b': missing ':PORT'; expected HOST:PORT"),
        (["--peer", "b=127.0.0.1:99999"], "port '99999'"),
        (["--peer", "b"], "expected NAME=HOST:PORT"),
        (["--transport", "tcp"], "expected udp or auto"),
        (["--every", "soon"], "soon"),
        (["--telemetry", "data.csv"], "invalid --telemetry 'data.csv': expected imu, counter or sine"),
        (["--telemetry", "imu", "--tone", "440"], "choose one of --tone and --telemetry"),
        (["--rate", "50hz"], "--rate '50hz' goes with --telemetry"),
        (["--samples-per-frame", "2"], "--samples-per-frame goes with --telemetry"),
        (["--telemetry", "imu", "--samples-per-frame", "0"], "invalid --samples-per-frame '0': expected 1 to 1000"),
        (["--telemetry", "imu", "--rate", "0.1hz", "--test", "5s"], "a --test of 5.0 s would carry none"),
        (["--telemetry", "imu", "--rate", "fast"], "invalid rate 'fast': expected 0.001 Hz to 100 kHz"),
        (["--tone", "30000"], "invalid --tone '30000.0': expected a frequency in Hz above 0 and below 24000"),
        (["--tone", "0"], "invalid --tone '0.0'"),
    ])
    func badValuesAreUsageErrors(arguments: [String], expected: String) throws {
        let result = try CommandRunner.jitterbug(["probe", "--name", "a", "--listen", "0"] + arguments)
        #expect(result.exitCode == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
    }

    /// A listen port in use is a runtime error (exit 1) naming the address, not a hang.
    @Test func aListenPortInUseIsARuntimeError() throws {
        let first = try Probe.start(name: "a", arguments: [])
        defer { first.stop() }
        let second = try CommandRunner.jitterbug(["probe", "--name", "b", "--listen", "127.0.0.1:\(first.port)"], timeoutSeconds: 20)
        #expect(second.exitCode == 1)
        #expect(second.stderr.contains("127.0.0.1:\(first.port) is already in use"), "\(second.stderr)")
    }

    @Test func badNameAndListenAreUsageErrors() throws {
        let name = try CommandRunner.jitterbug(["probe", "--name", "a b", "--listen", "5004"])
        #expect(name.exitCode == 2)
        #expect(name.stderr.contains("invalid --name 'a b'"), "\(name.stderr)")
        let listen = try CommandRunner.jitterbug(["probe", "--name", "a", "--listen", "host"])
        #expect(listen.exitCode == 2)
        #expect(listen.stderr.contains("host"), "\(listen.stderr)")
    }
}
