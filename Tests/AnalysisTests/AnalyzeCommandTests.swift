import Capture
import Foundation
import JitterbugTestSupport
import Testing

/// `jitterbug analyze` as a person runs it: help, bad options (exit 2), unreadable files
/// (exit 1), and, once the capture reader reads pcap, a whole run on a hand-made capture.
@Suite struct AnalyzeCommandTests {
    static func analyze(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(JitterbugBinary.path, ["analyze"] + arguments, timeoutSeconds: 60)
    }

    @Test func helpFitsEightyColumnsAndHasExamples() throws {
        let help = try Self.analyze(["--help"])
        #expect(help.exitCode == 0)
        #expect(help.stdout.contains("jitterbug analyze call.pcap"))
        let long = help.stdout.split(separator: "\n").filter { $0.count > 80 }
        #expect(long.isEmpty, "\(long)")
    }

    @Test(arguments: [
        (["x.pcap", "--stream", "zz"], "'zz'"),
        (["x.pcap", "--payload-type", "300=opus"], "'300=opus'"),
        (["x.pcap", "--payload-type", "96=H264/0"], "'96=H264/0'"),
        (["x.pcap", "--jitter-buffers", "fixed:50,fixed:0"], "'fixed:0'"),
        (["x.pcap", "--max-streams", "0"], "--max-streams 0"),
        (["x.pcap", "--json", "/nonexistent-dir/a.json"], "/nonexistent-dir"),
        (["x.pcap", "--json", "-", "--csv", "-"], "stdout"),
        (["x.pcap", "--svg", "-"], "--svg"),
        ([], "capture file"),
    ])
    func badOptionsExitTwoNamingTheValue(arguments: [String], named: String) throws {
        let result = try Self.analyze(arguments)
        #expect(result.exitCode == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(named), "\(result.stderr)")
    }

    @Test func unreadableFileExitsOne() throws {
        let missing = try Self.analyze(["/nonexistent-dir/call.pcap"])
        #expect(missing.exitCode == 1)
        #expect(missing.stderr.contains("cannot read '/nonexistent-dir/call.pcap'"))
        let directory = try TemporaryDirectory.create()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = directory.appendingPathComponent("notes.txt").path
        try Data("not a capture\n".utf8).write(to: URL(fileURLWithPath: text))
        let notCapture = try Self.analyze([text])
        #expect(notCapture.exitCode == 1)
        #expect(notCapture.stderr.contains("not a pcap or pcapng"), "\(notCapture.stderr)")
    }

    /// The hand-made capture is what tshark reads too (the fixture is checked independently),
    /// and tshark's RTP stream table agrees with the analyzer fed tshark's own fields.
    @Test(.enabled(if: ExternalProgram.which("tshark") != nil, "needs tshark"))
    func handMadeCaptureAgreesWithTshark() throws {
        let tshark = try #require(ExternalProgram.which("tshark"))
        let directory = try TemporaryDirectory.create()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("call.pcap").path
        var packets = SyntheticPackets.regular(count: 100, lost: [10, 11, 40])
        packets.insert(packets[50], at: 52)  // a duplicate, two packets late
        try PcapFile.data(packets).write(to: URL(fileURLWithPath: path))
        let row = try #require(try TsharkRTPStreams.rows(tshark: tshark, capture: path, port: 5_004).first)
        let read = try TsharkFields.packets(tshark: tshark, capture: path)
        #expect(read.count == 98)
        let stream = try #require(try AnalyzerRun.onlyStream(read))
        #expect(stream.packets == row.packets)
        #expect(stream.lost == 3)
        #expect(stream.duplicates == 1)
        #expect(stream.rfc3550CumulativeLost == Int64(row.lost))
        #expect(abs(stream.maximumDeltaMilliseconds - row.maxDeltaMilliseconds) < 0.001)
    }

    @Test(.enabled(if: CaptureReaderProbe.readsPcap, "the capture reader does not read pcap yet"))
    func wholeRunOnAHandMadeCapture() throws {
        let directory = try TemporaryDirectory.create()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("call.pcap").path
        let csv = directory.appendingPathComponent("call.csv").path
        // 100 PCMU packets, 3 lost (a run of 2 and 1), plus a second stream with nothing lost.
        let packets = SyntheticPackets.regular(count: 100, lost: [10, 11, 40]) + SyntheticPackets.regular(count: 50, ssrc: 7)
        try PcapFile.data(packets).write(to: URL(fileURLWithPath: path))
        let result = try Self.analyze([path, "--json", "-", "--csv", csv])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let streams = try #require(json["streams"] as? [[String: Any]])
        #expect(streams.count == 2)
        // Most troubled first.
        #expect(streams.first?["ssrc"] as? String == "0x12345678")
        #expect(streams.first?["lost"] as? Int == 3)
        #expect(streams.first?["expected"] as? Int == 100)
        #expect((streams.first?["loss_bursts"] as? [String: Int])?["2"] == 1)
        #expect(streams.last?["lost"] as? Int == 0)
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows.first?.hasPrefix("ssrc,source,destination,transport,payload_type,codec") == true)
        // The table goes to stderr when stdout carries JSON.
        #expect(result.stderr.contains("0x12345678"))
    }
}
