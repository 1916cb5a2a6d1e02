import Foundation
import JitterbugTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `recv --capture FILE.pcap` against tshark capturing the same traffic on `lo` at the same
/// time: the same datagrams (ports, payload bytes, RTP sequence numbers) in the same order, by
/// UDP and by TCP, SRTP still protected; `capture_packets` equals what the receiver read; an
/// unwritable path stops the run before any socket is bound.
@Suite(.serialized) struct RecvCaptureCommandTests {
    static var canCapture: Bool { CommandRunner.which("tshark") != nil && getuid() == 0 }

    /// tshark `-T fields` rows of `file`, tab-separated fields.
    static func rows(_ tshark: String, _ file: String, _ arguments: [String], _ fields: [String]) throws -> [[String]] {
        var all = ["-r", file, "-n", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE"] + arguments
        all += ["-T", "fields"]
        for field in fields { all += ["-e", field] }
        let result = try CommandRunner.run(tshark, all)
        #expect(result.exitCode == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Runs `body` with tshark's path and a fresh temporary directory, removed afterwards.
    static func withTshark(_ body: (_ tshark: String, _ directory: URL) throws -> Void) throws {
        let tshark = try #require(CommandRunner.which("tshark"))
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(tshark, directory)
    }

    /// One run: tshark on lo and `recv --capture` at once, `send` with `sendArguments`. tshark
    /// stops itself after `captureSeconds`, a few seconds more than the run (SIGINT did not stop
    /// it early under the test runner: every capture lasted its full duration).
    static func capturedRun(
        listen: (Int) -> String, to: (Int) -> String, filter: (Int) -> String, sendArguments: [String], recvArguments: [String] = [],
        captureSeconds: Int, in directory: URL
    ) throws -> (port: Int, ours: String, theirs: String, summary: [String: Any], stdout: String) {
        let tshark = try #require(CommandRunner.which("tshark"))
        let port = CommandRunner.freeUDPPort()
        let ours = directory.appendingPathComponent("recv.pcap").path
        let theirs = directory.appendingPathComponent("lo.pcap").path
        let summaryPath = directory.appendingPathComponent("summary.json").path
        let capturing = try TsharkCapture.start(tshark: tshark, filter: filter(port), to: theirs, seconds: captureSeconds)
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", listen(port), "--until-idle", "1s", "--duration", "25s", "--interval", "0s",
             "--no-decode", "--capture", ours, "--json", summaryPath] + recvArguments)
        let sender = try CommandRunner.jitterbug(["send", "--to", to(port)] + sendArguments)
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        let received = try receiver.finish(timeoutSeconds: 30)
        #expect(received.exitCode == 0, "\(received.stderr)")
        capturing.interrupt()
        _ = try capturing.finish(timeoutSeconds: Double(captureSeconds) + 10)
        return (port, ours, theirs, try readJSONObject(summaryPath), received.stdout)
    }

    @Test(.enabled(if: canCapture, "needs tshark and root to capture on lo"))
    func udpCaptureEqualsTsharkOnLoopback() throws {
        try Self.withTshark { tshark, directory in
            let trace = directory.appendingPathComponent("trace.csv").path
            let run = try Self.capturedRun(
                listen: { "127.0.0.1:\($0)" }, to: { "127.0.0.1:\($0)" }, filter: { "udp dst port \($0) or udp dst port \($0 + 1)" },
                sendArguments: ["--transport", "udp", "--duration", "6s"], recvArguments: ["--trace", trace], captureSeconds: 11,
                in: directory)
            let fields = ["frame.time_epoch", "ip.src", "udp.srcport", "ip.dst", "udp.dstport", "udp.checksum.status", "rtp.seq", "udp.payload"]
            let decode = ["-d", "udp.port==\(run.port),rtp"]
            let ours = try Self.rows(tshark, run.ours, decode, fields)
            let theirs = try Self.rows(tshark, run.theirs, decode, fields)
            // A few hundred RTP packets plus RTCP, every one of them in both files, in the same order.
            #expect(ours.count >= 300, "\(ours.count)")
            #expect(ours.allSatisfy { $0[5] == "1" }, "UDP checksums Good")
            #expect(ours.filter { !$0[6].isEmpty }.count >= 295, "RTP decoded")
            // Per socket (RTP port, RTCP port) in the same order: the two sockets are read by two
            // tasks, so an RTCP packet may sit a few packets earlier or later between them. The
            // sender's last RTCP packet may reach the RTCP port after the receiver stopped reading
            // (the wire has it, the receiver never read it: not in `datagrams_received` either).
            for (dstport, extraAllowed) in [("\(run.port)", 0), ("\(run.port + 1)", 1)] {
                let mine = ours.filter { $0[4] == dstport }
                let wire = theirs.filter { $0[4] == dstport }
                #expect(mine.count <= wire.count && wire.count - mine.count <= extraAllowed, "port \(dstport): \(mine.count) vs \(wire.count)")
                for (index, (a, b)) in zip(mine, wire).enumerated() where Array(a[1...4] + a[6...7]) != Array(b[1...4] + b[6...7]) {
                    Issue.record("port \(dstport) packet \(index): ours \(a.prefix(7)) vs tshark \(b.prefix(7))")
                    break
                }
                // Arrival stamps: after tshark saw the packet on lo, and within 50 ms of it.
                for (a, b) in zip(mine, wire) {
                    guard let ta = Double(a[0]), let tb = Double(b[0]) else { continue }
                    #expect(ta - tb > -0.001 && ta - tb < 0.05, "recv stamp \(a[0]) vs tshark \(b[0])")
                }
            }
            // The very stamps the statistics used: `--trace` records each RTP packet's arrival (µs).
            let traced = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").dropFirst()
            var arrivalBySequence: [String: String] = [:]
            for line in traced {
                let columns = line.split(separator: ",", omittingEmptySubsequences: false)
                if columns.count >= 3 { arrivalBySequence[String(columns[0])] = String(columns[2]) }
            }
            var compared = 0
            for row in ours where !row[6].isEmpty {
                let parts = row[0].split(separator: ".")
                guard parts.count == 2, let traceMicroseconds = arrivalBySequence[row[6]] else { continue }
                #expect(String(parts[0]) + String(parts[1].prefix(6)) == traceMicroseconds, "seq \(row[6]): \(row[0]) vs \(traceMicroseconds) µs")
                compared += 1
            }
            #expect(compared >= 295, "\(compared) packets compared with --trace")
            #expect(run.summary["capture_packets"] as? Int == run.summary["datagrams_received"] as? Int)
            #expect(run.summary["capture_packets"] as? Int == ours.count)
            #expect(run.summary["capture_dropped"] as? Int == 0)
            let payloadBytes = ours.reduce(0) { $0 + $1[7].count / 2 }
            #expect(run.summary["capture_bytes"] as? Int == payloadBytes)
            #expect(run.stdout.contains("capture (pcap)"), "\(run.stdout)")
        }
    }

    @Test(.enabled(if: canCapture, "needs tshark and root to capture on lo"))
    func tcpCaptureReassemblesLikeTsharkOnLoopback() throws {
        try Self.withTshark { tshark, directory in
            let run = try Self.capturedRun(
                listen: { "127.0.0.1:\($0)" }, to: { "127.0.0.1:\($0)" }, filter: { "tcp dst port \($0)" },
                sendArguments: ["--transport", "tcp", "--duration", "4s"], captureSeconds: 9, in: directory)
            let decode = ["-o", "tcp.analyze_sequence_numbers:TRUE", "-d", "tcp.port==\(run.port),rtp", "-Y", "rtp && tcp.dstport==\(run.port)"]
            let ours = try Self.rows(tshark, run.ours, decode, ["rtp.seq", "rtp.timestamp", "rtp.ssrc"])
            let theirs = try Self.rows(tshark, run.theirs, decode, ["rtp.seq", "rtp.timestamp", "rtp.ssrc"])
            // tshark may put several frames in one row (one TCP segment, several RFC 4571 frames).
            let flatten = { (rows: [[String]]) in rows.flatMap { row in row[0].split(separator: ",").map(String.init) } }
            #expect(flatten(ours).count >= 195, "\(flatten(ours).count)")
            #expect(flatten(ours) == flatten(theirs))
            let flagged = try Self.rows(
                tshark, run.ours, ["-o", "tcp.analyze_sequence_numbers:TRUE", "-Y", "tcp.analysis.flags || _ws.malformed"], ["frame.number"])
            #expect(flagged.isEmpty, "\(flagged)")
            #expect(run.summary["capture_packets"] as? Int == run.summary["datagrams_received"] as? Int)
            #expect((run.summary["packets_tcp"] as? Int ?? 0) >= 195)
        }
    }

    /// SRTP is recorded as it came (protected): the payload bytes equal the wire's.
    @Test(.enabled(if: canCapture, "needs tshark and root to capture on lo"))
    func srtpIsRecordedProtected() throws {
        try Self.withTshark { tshark, directory in
            let key = directory.appendingPathComponent("k.key").path
            try CommandRunner.jitterbug(["keygen"]).stdout.write(toFile: key, atomically: true, encoding: .utf8)
            let run = try Self.capturedRun(
                listen: { "127.0.0.1:\($0)" }, to: { "127.0.0.1:\($0)" }, filter: { "udp dst port \($0)" },
                sendArguments: ["--transport", "udp", "--duration", "2s", "--srtp", "--key-file", key],
                recvArguments: ["--srtp", "--key-file", key], captureSeconds: 7, in: directory)
            let filter = ["-Y", "udp.dstport==\(run.port)"]
            let ours = try Self.rows(tshark, run.ours, filter, ["udp.payload"])
            let theirs = try Self.rows(tshark, run.theirs, filter, ["udp.payload"])
            #expect(ours.count >= 95)
            #expect(ours == theirs)
            #expect(run.summary["packets"] as? Int ?? 0 >= 95, "the receiver decrypted them")
        }
    }

    /// Bound to the wildcard: the destination written is the address the datagram was sent to
    /// (127.0.0.2 here, from the socket's packet info), not a guess.
    @Test(.enabled(if: CommandRunner.which("tshark") != nil))
    func wildcardBindRecordsTheRealDestination() throws {
        try Self.withTshark { tshark, directory in
            let port = CommandRunner.freeUDPPort()
            let ours = directory.appendingPathComponent("recv.pcap").path
            let summaryPath = directory.appendingPathComponent("s.json").path
            let receiver = try CommandRunner.startListening(
                ["recv", "--listen", "0.0.0.0:\(port)", "--until-idle", "1s", "--duration", "20s", "--interval", "0s",
                 "--no-decode", "--capture", ours, "--json", summaryPath])
            let sender = try CommandRunner.jitterbug(["send", "--to", "127.0.0.2:\(port)", "--transport", "udp", "--duration", "1s"])
            #expect(sender.exitCode == 0, "\(sender.stderr)")
            #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
            let rows = try Self.rows(tshark, ours, ["-Y", "udp.dstport==\(port)"], ["ip.dst", "udp.dstport", "udp.checksum.status"])
            #expect(rows.count >= 45)
            #expect(rows.allSatisfy { $0 == ["127.0.0.2", "\(port)", "1"] }, "\(rows.prefix(3))")
        }
    }

    /// IPv6 on a dual-stack wildcard bind: written as IPv6 with the real addresses, UDP and TCP
    /// checksums over the IPv6 pseudo-header Good (the sender's TCP standby connects too).
    @Test(.enabled(if: CommandRunner.which("tshark") != nil))
    func ipv6IsRecordedAsIPv6() throws {
        try Self.withTshark { tshark, directory in
            let port = CommandRunner.freeUDPPort()
            let ours = directory.appendingPathComponent("recv.pcap").path
            let receiver = try CommandRunner.startListening(
                ["recv", "--listen", "\(port)", "--until-idle", "1s", "--duration", "20s", "--interval", "0s", "--no-decode",
                 "--capture", ours])
            let sender = try CommandRunner.jitterbug(["send", "--to", "[::1]:\(port)", "--duration", "1s"])
            #expect(sender.exitCode == 0, "\(sender.stderr)")
            #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
            let rows = try Self.rows(
                tshark, ours, [], ["ip.version", "ipv6.src", "ipv6.dst", "udp.dstport", "udp.checksum.status", "tcp.dstport", "tcp.checksum.status"])
            let udp = rows.filter { $0[3] == "\(port)" }
            #expect(udp.count >= 45)
            #expect(udp.allSatisfy { $0[0] == "6" && $0[1] == "::1" && $0[2] == "::1" && $0[4] == "1" }, "\(udp.prefix(3))")
            #expect(rows.filter { !$0[5].isEmpty }.allSatisfy { $0[6] == "1" }, "TCP checksums Good")
        }
    }

    /// Ctrl-C in the middle of a stream: the file is flushed and closed, and holds exactly what
    /// the summary says was read.
    @Test(.enabled(if: CommandRunner.which("tshark") != nil))
    func interruptedRunLeavesACompleteCapture() throws {
        try Self.withTshark { tshark, directory in
            let port = CommandRunner.freeUDPPort()
            let ours = directory.appendingPathComponent("recv.pcap").path
            let summaryPath = directory.appendingPathComponent("s.json").path
            let metricsPort = FreePort.tcp()
            let receiver = try CommandRunner.startListening(
                ["recv", "--listen", "127.0.0.1:\(port)", "--interval", "1s", "--no-decode", "--capture", ours, "--json", summaryPath,
                 "--metrics", "127.0.0.1:\(metricsPort)"])
            let sender = try CommandRunner.start(
                CommandRunner.jitterbugPath, ["send", "--to", "127.0.0.1:\(port)", "--transport", "udp", "--duration", "4s"])
            Thread.sleep(forTimeInterval: 2.5)
            // Prometheus has the capture's counters while it runs (updated each interval).
            let scraped = HTTPGet.get(port: metricsPort, path: "/metrics")?.1 ?? ""
            let line = scraped.split(separator: "\n").first { $0.hasPrefix("jitterbug_capture_packets_total ") }
            #expect((line?.split(separator: " ").last.flatMap { Double($0) } ?? 0) >= 1, "\(line ?? "no capture metric")")
            #expect(scraped.contains("jitterbug_capture_dropped_total 0"), "\(scraped)")
            receiver.interrupt()
            #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
            _ = try sender.finish(timeoutSeconds: 20)
            let summary = try readJSONObject(summaryPath)
            let written = try #require(summary["capture_packets"] as? Int)
            #expect(written >= 50, "about 2 s of 50 packets/s")
            #expect(written == summary["datagrams_received"] as? Int)
            #expect(summary["capture_dropped"] as? Int == 0)
            let rows = try Self.rows(tshark, ours, [], ["frame.number"])
            #expect(rows.count == written)
        }
    }

    @Test func unwritableCapturePathIsRefusedBeforeBinding() throws {
        let port = CommandRunner.freeUDPPort()
        let missing = try CommandRunner.jitterbug(["recv", "--listen", "127.0.0.1:\(port)", "--capture", "/nonexistent/x.pcap"])
        #expect(missing.exitCode == 2, "\(missing.stderr)")
        #expect(missing.stderr.contains("/nonexistent/x.pcap") && missing.stderr.contains("does not exist"), "\(missing.stderr)")
        #expect(!missing.stdout.contains("listening on"))
        let stdout = try CommandRunner.jitterbug(["recv", "--listen", "127.0.0.1:\(port)", "--capture", "-"])
        #expect(stdout.exitCode == 2)
        #expect(stdout.stderr.contains("--capture cannot write to stdout"), "\(stdout.stderr)")
        // Past the path checks (the directory exists) but open(2) fails: exit 1, still before any socket.
        let refused = try CommandRunner.jitterbug(["recv", "--listen", "127.0.0.1:\(port)", "--capture", "/proc/jitterbug-test.pcap"])
        #expect(refused.exitCode == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("cannot write capture '/proc/jitterbug-test.pcap'"), "\(refused.stderr)")
        #expect(!refused.stdout.contains("listening on"), "\(refused.stdout)")
    }
}
