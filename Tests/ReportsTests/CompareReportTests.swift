import Reports
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

#if canImport(CompareSession)
import CompareSession
#else
#endif

@Suite("compare: report rendering")
struct CompareReportTests {
    static func report() throws -> ComparisonReport {
        let pair = try CompareFixture.lossBlockPair()
        let clean = try CompareFixture.measurement(path: "udp", delaysMilliseconds: Array(repeating: 10, count: 100))
        let cleanTCP = try CompareFixture.measurement(path: "tcp", label: "lab (kernel TCP under impairment)", delaysMilliseconds: Array(repeating: 11, count: 100))
        return ComparisonReport(
            settings: ["duration": "2s", "frame": "20ms"],
            blocks: [
                try ComparisonBlock(label: "loss=0%", udp: clean, tcp: cleanTCP),
                try ComparisonBlock(label: "loss=5%", udp: pair.udp, tcp: pair.tcp),
            ]
        )
    }

    @Test("default playout delay is UDP's smallest for ≤ 1% late loss; takeaway states the p99 ratio")
    func takeaway() throws {
        let block = try Self.report().blocks[1]
        #expect(block.playoutDelayMilliseconds == 20)
        #expect(block.playoutDelayChoice.contains("UDP's smallest"))
        #expect(block.tcp.smallestDelayForOnePercentLateLossMilliseconds == 60)
        let ratio = try #require(block.p99LatencyRatio)
        #expect(abs(ratio - 6.1) < 1e-9)
        #expect(block.takeaway.hasPrefix("TCP's p99 latency was 6.1× UDP's: under loss=5% every lost segment holds back"))
        #expect(block.takeaway.contains("UDP loses 5.0% of frames"))
        #expect(block.takeaway.contains("60 ms on TCP and 20 ms on UDP"))
        let clean = try Self.report().blocks[0]
        #expect(clean.takeaway.hasPrefix("TCP's p99 latency was 1.1× UDP's: under loss=0% there was little for TCP to retransmit"))
    }

    @Test("table: both columns, every metric row, the measurement line and the estimate label")
    func table() throws {
        let text = try Self.report().table
        #expect(text.contains("measured: UDP = loopback; TCP = lab (kernel TCP under impairment)"))
        #expect(text.contains("one-way delay: sender and receiver share one clock"))
        for label in ["packets sent", "delivered on time", "late", "lost", "concealed (late + lost)",
                      "one-way latency p50 (ms)", "one-way latency p95 (ms)", "one-way latency p99 (ms)",
                      "one-way latency max (ms)", "jitter, RFC 3550 (ms)", "stalls > 3 frames (count)",
                      "longest stall (ms)", "TCP retransmitted segments", "smallest delay, late loss ≤ 1% (ms)",
                      "goodput (kbit/s)", "header overhead", "MOS estimate (G.107 model)"] {
            #expect(text.contains(label), "missing row \(label)")
        }
        #expect(text.contains("not measurements"))
        let p99Line = try #require(text.split(separator: "\n").last { $0.hasPrefix("one-way latency p99 (ms)") })
        #expect(p99Line.split(separator: " ").suffix(2) == ["10.0", "61.0"])
        let lostLine = try #require(text.split(separator: "\n").last { $0.hasPrefix("lost") })
        #expect(lostLine.split(separator: " ") == ["lost", "5", "(5.0%)", "0", "(0.0%)"])
    }

    @Test("JSON round-trips and every written field is documented in docs/compare-json.md")
    func json() throws {
        let report = try Self.report()
        let data = try report.jsonData()
        #expect(try ComparisonReport.decode(jsonData: data) == report)
        let slim = try ComparisonReport.decode(jsonData: report.jsonData(includingPackets: false))
        #expect(slim.blocks[1].udpMeasurement == nil && slim.blocks[1].udp == report.blocks[1].udp)

        let docURL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/compare-json.md")
        let doc = try String(contentsOf: docURL, encoding: .utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var keys = Set<String>()
        Self.collectKeys(object, into: &keys)
        #expect(keys.contains("latency_p99_ms") && keys.contains("arrival_offset_us") && keys.contains("late_loss_percent"))
        for key in keys {
            #expect(doc.contains("`\(key)`"), "field \(key) is not documented")
        }
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"kind\" : \"jitterbug-compare\""))
        #expect(text.contains("null")) // lost packets are explicit nulls in arrival_offset_us
    }

    static func collectKeys(_ value: Any, into keys: inout Set<String>) {
        if let object = value as? [String: Any] {
            for (key, member) in object {
                keys.insert(key)
                if key != "settings" { collectKeys(member, into: &keys) } // settings keys are the CLI's option names
            }
        } else if let array = value as? [Any] {
            for member in array { collectKeys(member, into: &keys) }
        }
    }

    @Test("CSV: header, one row per path per block, same column count")
    func csv() throws {
        let lines = try Self.report().csv.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 5)
        #expect(lines.first.map(String.init) == ComparisonReport.csvColumns.joined(separator: ","))
        for line in lines { #expect(line.split(separator: ",", omittingEmptySubsequences: false).count == ComparisonReport.csvColumns.count) }
        let tcpLoss = lines[4].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let column = { (name: String) in ComparisonReport.csvColumns.firstIndex(of: name) ?? -1 }
        #expect(tcpLoss[column("block")] == "loss=5%")
        #expect(tcpLoss[column("path")] == "tcp")
        #expect(tcpLoss[column("latency_p99_ms")] == "61")
        #expect(tcpLoss[column("retransmitted_segments")] == "3")
        #expect(lines[3].split(separator: ",", omittingEmptySubsequences: false)[column("lost")] == "5")
        // The measurement label contains parentheses but no comma; a comma would be quoted.
        #expect(tcpLoss[column("measurement")] == "lab (kernel TCP under impairment)")
    }

    @Test("SVG parses as XML, is self-contained, and has two polylines per panel")
    func svg() throws {
        let report = try Self.report()
        let svg = report.svg
        let summary = try SVGSummary(svg)
        #expect(summary.rootName == "svg")
        #expect(summary.viewBox == "0 0 1000.00 744.00")
        // 2 blocks × (latency panel: TCP drawn under UDP; late-loss panel: UDP, TCP).
        #expect(summary.polylineClasses == ["tcp", "udp", "udp", "tcp", "tcp", "udp", "udp", "tcp"])
        #expect(summary.texts.contains("Latency over time") && summary.texts.contains("Late loss against playout delay"))
        #expect(summary.texts.contains("1% target"))
        #expect(summary.texts.contains("measured: UDP = loopback; TCP = lab (kernel TCP under impairment)"))
        #expect(summary.texts.contains("D = 20 ms"))
        #expect(!svg.contains("<script") && !svg.contains("href") && !svg.contains("@import"))
    }

    @Test("latency polylines are downsampled to ≤ 2,000 points and keep the spike")
    func downsampling() throws {
        var delays: [Double?] = Array(repeating: 10, count: 5000)
        delays[2345] = 900
        let udp = try CompareFixture.measurement(path: "udp", delaysMilliseconds: delays)
        let tcp = try CompareFixture.measurement(path: "tcp", delaysMilliseconds: Array(repeating: 12, count: 5000))
        let report = ComparisonReport(blocks: [try ComparisonBlock(label: "long", udp: udp, tcp: tcp)])
        let summary = try SVGSummary(report.svg)
        let counts = summary.polylinePointCounts
        #expect(counts.count == 4)
        #expect(counts[1] <= 2000 && counts[1] > 100) // UDP's latency line
        #expect(counts[0] <= 2000)
        // The 900 ms spike survives: on a 0…1000 ms axis in a plot from y = 104 to 334 it sits at
        // 104 + 0.1 × 230 = 127; everything else (10 ms) at 331.7.
        let udpYs = summary.polylinePoints[1].map(\.y)
        #expect(abs((udpYs.min() ?? 0) - 127) < 0.01)
        #expect(abs((udpYs.max() ?? 0) - 331.7) < 0.01)
    }
}

/// What the tests need to know about an SVG, read with Foundation's XMLParser (throws when not well-formed).
final class SVGSummary: NSObject, XMLParserDelegate {
    var rootName: String?
    var viewBox: String?
    var polylineClasses: [String] = []
    var polylinePoints: [[(x: Double, y: Double)]] = []
    var polylinePointCounts: [Int] { polylinePoints.map(\.count) }
    var texts: [String] = []
    private var currentText: String?

    init(_ svg: String) throws {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if rootName == nil { rootName = name; viewBox = attributes["viewBox"] }
        if name == "polyline" {
            polylineClasses.append(attributes["class"] ?? "")
            polylinePoints.append((attributes["points"] ?? "").split(separator: " ").map { pair in
                let numbers = pair.split(separator: ",").compactMap { Double($0) }
                return (x: numbers.first ?? .nan, y: numbers.last ?? .nan)
            })
        }
        if name == "text" { currentText = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        currentText? += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let text = currentText { texts.append(text); currentText = nil }
    }
}
