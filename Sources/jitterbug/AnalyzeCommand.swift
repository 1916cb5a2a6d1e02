import Analysis
import ArgumentParser
import Foundation

/// `jitterbug analyze FILE...`: per-stream loss, jitter, loss bursts and jitter buffer replays
/// from pcap/pcapng captures, without signalling.
struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Find RTP streams in captures; report loss, jitter and jitter buffers.",
        usage: """
            jitterbug analyze <file> ... [--json <file>] [--csv <file>]
                    [--svg <file>] [--html <file>] [--stream <ssrc>]
                    [--payload-type <pt=codec> ...] [--sdp <file>]
                    [--jitter-buffers <list>] [--decode <dir/>] [--max-streams <n>]
            """,
        discussion: """
            Examples:
              tcpdump -i any -w call.pcap udp          (then, later:)
              jitterbug analyze call.pcap
              jitterbug analyze call.pcapng --json report.json --svg report.svg
              jitterbug analyze call.pcap --html call.html
              jitterbug analyze a.pcap b.pcap --csv - --stream 0x1234abcd
              jitterbug analyze call.pcap --payload-type 97=H264/90000
              jitterbug analyze call.pcap --sdp offer.sdp --decode heard/
              jitterbug analyze call.pcap --jitter-buffers fixed:40,fixed:120,adaptive

            Streams are found without signalling: RTP version 2, one SSRC per
            5-tuple, 3 packets in sequence; RTCP by packet type (rtcp-mux too);
            SRTP headers are analysed, SRTCP counted. A dynamic payload type
            without --payload-type or --sdp is Opus (48 kHz) when its payloads
            look like Opus; otherwise its clock rate is unknown and jitter is not
            reported. Several files are read in order into one analysis.
            """
    )

    @Argument(help: ArgumentHelp("Capture files: pcap or pcapng, optionally gzip-compressed.", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Write the report as JSON (docs/analyze-json.md): a file, or - for stdout.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Write one CSV row per stream: a file, or - for stdout.", valueName: "file"))
    var csv: String?

    @Option(help: ArgumentHelp("Write charts (delay, jitter, loss, playout-delay curve) as SVG.", valueName: "file"))
    var svg: String?

    @Option(help: ArgumentHelp("Write a self-contained HTML report (tables, charts, every JSON figure, command and versions): a file, or - for stdout.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Analyse only this SSRC: hex (0x1234abcd) or decimal.", valueName: "ssrc"))
    var stream: String?

    @Option(help: ArgumentHelp("Clock rate of a payload type: PT=opus, PT=telemetry or PT=NAME/RATE (0-127, Hz). Repeatable.", valueName: "pt=codec"))
    var payloadType: [String] = []

    @Option(help: ArgumentHelp("Read payload types and clock rates from an SDP file's a=rtpmap lines.", valueName: "file"))
    var sdp: String?

    @Option(help: ArgumentHelp("Jitter buffers to replay each stream through, comma-separated: fixed:MS (1-10000) or adaptive (default fixed:50,fixed:200,adaptive).", valueName: "list"))
    var jitterBuffers: String?

    @Option(help: ArgumentHelp("Write one WAV per Opus stream, as the adaptive buffer played it, into this directory (named 0xSSRC-SRCPORT-DSTPORT.wav).", valueName: "dir/"))
    var decode: String?

    @Option(help: ArgumentHelp("Streams tracked at once, 1 to 1000000; packets of further streams are counted and ignored.", valueName: "n"))
    var maxStreams: Int = 10_000

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one capture file (pcap or pcapng)") }
        try OutputPathCheck.validate(json, option: "--json")
        try OutputPathCheck.validate(csv, option: "--csv")
        if svg == "-" { throw ValidationError("--svg needs a file name: got '-' (stdout carries the table)") }
        try OutputPathCheck.validate(svg, option: "--svg")
        try OutputPathCheck.validate(html, option: "--html")
        if let decode { try OutputPathCheck.validate(decode.hasSuffix("/") ? decode : decode + "/", option: "--decode", perStreamDirectory: true) }
        let stdoutUsers = [("--json", json), ("--csv", csv), ("--html", html)].filter { $0.1 == "-" }.map(\.0)
        if stdoutUsers.count > 1 { throw ValidationError("\(stdoutUsers.joined(separator: " and ")) all want stdout (-): give all but one a file") }
        guard (1...1_000_000).contains(maxStreams) else {
            throw ValidationError("--max-streams \(maxStreams) is out of range: expected 1 to 1000000")
        }
        _ = try ssrcFilter()
        _ = try policies()
        var mapping = PayloadTypeMapping()
        for value in payloadType {
            do { try mapping.add(argument: value) } catch { throw ValidationError(error.description) }
        }
        if let sdp, !FileManager.default.isReadableFile(atPath: sdp) {
            throw ValidationError("cannot read --sdp '\(sdp)': no such file or not readable")
        }
    }

    /// `--stream` as a number: `0x` hex or decimal, 32 bits.
    func ssrcFilter() throws -> UInt32? {
        guard let stream else { return nil }
        let lower = stream.lowercased()
        let value = lower.hasPrefix("0x") ? UInt32(lower.dropFirst(2), radix: 16) : UInt32(lower)
        guard let value else {
            throw ValidationError("bad --stream '\(stream)': expected an SSRC in hex (0x1234abcd) or decimal (0 to 4294967295)")
        }
        return value
    }

    /// `--jitter-buffers` as policies (the defaults without it).
    func policies() throws -> [PlayoutPolicy] {
        guard let jitterBuffers else { return PlayoutPolicy.defaults }
        var result: [PlayoutPolicy] = []
        for entry in jitterBuffers.split(separator: ",", omittingEmptySubsequences: false) {
            let text = String(entry).trimmingCharacters(in: .whitespaces)
            guard let policy = PlayoutPolicy(argument: text) else {
                throw ValidationError("bad --jitter-buffers entry '\(text)': expected fixed:MS with MS 1 to 10000, or adaptive (e.g. fixed:50,fixed:200,adaptive)")
            }
            if !result.contains(policy) { result.append(policy) }
        }
        return result
    }
}
