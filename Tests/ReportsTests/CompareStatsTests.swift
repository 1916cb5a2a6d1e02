import Reports
import Foundation
import Testing

#if canImport(CompareSession)
import CompareSession
#else
#endif

@Suite("stats: comparing summary JSON files")
struct CompareStatsTests {
    /// Shaped like `recv --json` output (nested histogram summary, strings, booleans, a dictionary).
    static let recvA = """
    {"stream": "127.0.0.1:5004 ssrc 0x1", "packets": 1500, "lost_packets": 15, "lost_percent": 1.0,
     "jitter_ms": 2.5, "sender_said_goodbye": true, "rejected": {"short": 2},
     "one_way_delay": {"p50": 10.0, "p99": 20.5}, "mos": 4.1}
    """
    static let recvB = """
    {"stream": "127.0.0.1:5004 ssrc 0x2", "packets": 1400, "lost_packets": 30, "lost_percent": 2.0,
     "jitter_ms": 4.0, "sender_said_goodbye": false, "rejected": {},
     "one_way_delay": {"p50": 12.0, "p99": 44.0}, "mos": null}
    """

    @Test("recv JSON: numeric fields by dotted path; strings, booleans, nulls left out")
    func flattening() throws {
        let document = try StatsDocument(name: "a.json", jsonData: Data(Self.recvA.utf8))
        #expect(!document.isComparison)
        #expect(document.fields == [
            "packets": 1500, "lost_packets": 15, "lost_percent": 1, "jitter_ms": 2.5,
            "rejected.short": 2, "one_way_delay.p50": 10, "one_way_delay.p99": 20.5, "mos": 4.1,
        ])
    }

    @Test("table and CSV: common fields only, one column per file, change for two files")
    func tableAndCSV() throws {
        let comparison = StatsComparison(documents: [
            try StatsDocument(name: "a.json", jsonData: Data(Self.recvA.utf8)),
            try StatsDocument(name: "b.json", jsonData: Data(Self.recvB.utf8)),
        ])
        // Grouped as the summary is: loss first, then timing; alphabetical within a group.
        #expect(comparison.commonFieldNames == ["lost_packets", "lost_percent", "packets", "jitter_ms", "one_way_delay.p50", "one_way_delay.p99"])
        let lines = comparison.table.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.first == ["field", "a.json", "b.json", "change"])
        #expect(lines.contains(["[packets", "and", "loss]"]))
        #expect(lines.contains(["[timing]"]))
        #expect(lines.contains(["one_way_delay.p99", "20.5", "44", "+23.5"]))
        #expect(lines.contains(["packets", "1500", "1400", "-100"]))
        #expect(comparison.csv == """
            field,a.json,b.json
            lost_packets,15,30
            lost_percent,1,2
            packets,1500,1400
            jitter_ms,2.5,4
            one_way_delay.p50,10,12
            one_way_delay.p99,20.5,44

            """)
        let three = StatsComparison(documents: comparison.documents + [StatsDocument(name: "c", fields: ["x": 1])])
        #expect(three.table.hasPrefix("no numeric field is common"))
    }

    @Test("compare JSON: per-path fields, per-packet records left out, blocks keyed by label")
    func compareDocuments() throws {
        let pair = try CompareFixture.lossBlockPair()
        let one = ComparisonReport(blocks: [try ComparisonBlock(label: "loss=5%", udp: pair.udp, tcp: pair.tcp)])
        let document = try StatsDocument(name: "one.json", jsonData: one.jsonData())
        #expect(document.isComparison)
        #expect(document.fields["udp.latency_p99_ms"] == 10)
        #expect(document.fields["tcp.latency_p99_ms"] == 61)
        #expect(document.fields["tcp.stalls.count"] == 0)
        #expect(document.fields["p99_latency_ratio_tcp_to_udp"].map { abs($0 - 6.1) < 1e-9 } == true)
        #expect(!document.fields.keys.contains { $0.contains("packets.") || $0.hasPrefix("version") })
        let sweep = ComparisonReport(blocks: [
            try ComparisonBlock(label: "loss=0%", udp: pair.tcp, tcp: pair.tcp),
            try ComparisonBlock(label: "loss=5%", udp: pair.udp, tcp: pair.tcp),
        ])
        let swept = try StatsDocument(name: "sweep.json", jsonData: sweep.jsonData(includingPackets: false))
        #expect(swept.fields["loss=5%.udp.lost_packets"] == 5)
        #expect(swept.fields["loss=0%.udp.lost_packets"] == 0)
    }

    @Test("not a JSON object: a typed error, not a crash")
    func unreadable() {
        #expect(throws: CompareError.self) { try StatsDocument(name: "x", jsonData: Data("[1, 2]".utf8)) }
        #expect(throws: CompareError.self) { try StatsDocument(name: "x", jsonData: Data("{\"a\": ".utf8)) }
    }

    /// Issue #15: `stats recv.json compare.json --csv -` printed only a header (no field names in
    /// common). Each compare path becomes a column with the receiver's names for its figures.
    @Test("recv JSON next to compare JSON: one column per compare path, figures lined up")
    func receiverNextToCompare() throws {
        let pair = try CompareFixture.lossBlockPair()
        let report = ComparisonReport(blocks: [try ComparisonBlock(label: "loss=5%", udp: pair.udp, tcp: pair.tcp)])
        let recv = try StatsDocument(name: "a.json", jsonData: Data("""
            {"lost_packets": 15, "lost_percent": 1.0, "jitter_ms": 2.5, "one_way_delay_p99_ms": 20.5, "mos_estimate": 4.1}
            """.utf8))
        let compare = try StatsDocument(name: "c.json", jsonData: report.jsonData())
        let comparison = StatsComparison(documents: [recv, compare])
        #expect(comparison.documents.map(\.name) == ["a.json", "c.json udp", "c.json tcp"])
        #expect(comparison.commonFieldNames.contains("lost_packets"))
        #expect(comparison.commonFieldNames.contains("one_way_delay_p99_ms"), "compare's latency_p99_ms read as one-way delay")
        let udp = comparison.documents[1]
        #expect(udp.fields["one_way_delay_p99_ms"] == compare.fields["udp.latency_p99_ms"])
        #expect(udp.fields["lost_packets"] == 5)
        let csv = comparison.csv.split(separator: "\n")
        #expect(csv.first == "field,a.json,c.json udp,c.json tcp")
        #expect(csv.count > 3, "more than a header: \(comparison.csv)")
        #expect(csv.contains("lost_packets,15,5,0"), "\(comparison.csv)")
    }
}
