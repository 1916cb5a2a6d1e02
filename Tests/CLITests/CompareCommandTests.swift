import Foundation
import FoundationXML
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `jitterbug compare` in the lab (root) — real kernel TCP under the same seeded loss as UDP —
/// producing every output; and `jitterbug stats` reading them back.
@Suite(
    .serialized,
    .enabled(if: getuid() == 0 && FileManager.default.fileExists(atPath: "/dev/net/tun"), "needs root and /dev/net/tun"))
struct CompareCommandTests {
    @Test func labCompareShowsHeadOfLineBlockingAndWritesEveryOutput() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("compare.json").path
        let csv = directory.appendingPathComponent("compare.csv").path
        let svg = directory.appendingPathComponent("compare.svg").path
        let result = try CommandRunner.jitterbug(
            ["compare", "--duration", "5s", "--impair", "loss=5%,delay=20ms,seed=2", "--json", json, "--csv", csv, "--svg", svg],
            timeoutSeconds: 120)
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("lab, kernel TCP under the impairment"))

        // JSON: the documented fields are there, and TCP shows what loss costs it.
        let data = try Data(contentsOf: URL(fileURLWithPath: json))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let documented = try String(
            contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("docs/compare-json.md").path, encoding: .utf8)
        for key in report.keys { #expect(documented.contains("`\(key)`"), "undocumented field \(key)") }
        let blocks = try #require(report["blocks"] as? [[String: Any]])
        let udp = try #require(blocks.first?["udp"] as? [String: Any])
        let tcp = try #require(blocks.first?["tcp"] as? [String: Any])
        #expect((tcp["retransmitted_segments"] as? Int ?? 0) > 0, "kernel TCP retransmitted under 5% loss")
        #expect((udp["lost_packets"] as? Int ?? 0) > 0, "UDP lost packets under 5% loss")
        let udpP99 = try #require(udp["latency_p99_ms"] as? Double)
        let tcpP99 = try #require(tcp["latency_p99_ms"] as? Double)
        #expect(tcpP99 > 2 * udpP99, "TCP p99 \(tcpP99) ms vs UDP p99 \(udpP99) ms")

        // CSV: a header and one row per path.
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 3)
        // SVG: well-formed XML with polylines for both paths.
        let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: svg)))
        let counter = ElementCounter()
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.counts["polyline", default: 0] >= 4)

        // stats reads it back.
        let stats = try CommandRunner.jitterbug(["stats", json])
        #expect(stats.exitCode == 0)
        #expect(stats.stdout.contains("tcp.retransmitted_segments"))
        // Next to receiver JSON, each path is a column with the receiver's names (issue #15:
        // recv JSON + compare JSON printed only a CSV header).
        let recv = json + ".recv.json"
        defer { try? FileManager.default.removeItem(atPath: recv) }
        try #"{"lost_packets": 3, "lost_percent": 1.5, "jitter_ms": 2.0, "one_way_delay_p99_ms": 30}"#
            .write(toFile: recv, atomically: true, encoding: .utf8)
        let mixed = try CommandRunner.jitterbug(["stats", recv, json, "--csv", "-"])
        #expect(mixed.exitCode == 0, "\(mixed.stderr)")
        let mixedRows = mixed.stdout.split(separator: "\n")
        #expect(mixedRows.first?.hasSuffix(" udp,\(URL(fileURLWithPath: json).lastPathComponent) tcp") == true, "\(mixed.stdout)")
        for field in ["lost_packets", "lost_percent", "jitter_ms", "one_way_delay_p99_ms"] {
            #expect(mixedRows.contains { $0.hasPrefix(field + ",") }, "\(field) in \(mixed.stdout)")
        }
    }
}

/// Counts XML elements by name.
final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        counts[elementName, default: 0] += 1
    }
}

/// `jitterbug stats` on receiver JSON, and its errors.
@Suite struct StatsCommandTests {
    @Test func comparesTwoReceiverSummaries() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a.json").path
        let b = directory.appendingPathComponent("b.json").path
        try #"{"packets": 100, "lost_packets": 2, "jitter_ms": 1.5}"#.write(toFile: a, atomically: true, encoding: .utf8)
        try #"{"packets": 100, "lost_packets": 7, "jitter_ms": 2.0}"#.write(toFile: b, atomically: true, encoding: .utf8)
        let result = try CommandRunner.jitterbug(["stats", a, b])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lost = result.stdout.split(separator: "\n").first { $0.hasPrefix("  lost_packets") } ?? ""
        #expect(lost.contains("2") && lost.contains("7") && lost.contains("+5"), "\(result.stdout)")
        let csv = try CommandRunner.jitterbug(["stats", a, b, "--csv", "-"])
        #expect(csv.stdout.split(separator: "\n").count >= 4)
    }

    @Test func missingFileIsARuntimeError() throws {
        let result = try CommandRunner.jitterbug(["stats", "/nonexistent/x.json"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("/nonexistent/x.json"))
    }
}
