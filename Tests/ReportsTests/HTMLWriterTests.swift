import Foundation
import Reports
import Testing

@Suite("HTML reports: escaping, tables, JSON figures, the document")
struct HTMLWriterTests {
    static let context = HTMLReportContext(
        arguments: ["jitterbug", "analyze", "it's <a>.pcap", "--html", "r.html"],
        versions: [("jitterbug", "0.1.0"), ("libopus", "libopus 1.5.2 <test>")], created: "2026-12-03T10:00:00Z")

    @Test("text: the five special characters become references; controls are replaced; the rest is kept")
    func escaping() {
        #expect(HTMLText.escaped("a<b>&\"c\"'d'") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;")
        #expect(HTMLText.escaped("</script><script>alert(1)</script>") == "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(HTMLText.escaped("tab\tline\nµs ≤ 1 %") == "tab\tline\nµs ≤ 1 %")
        #expect(HTMLText.escaped("nul\u{0}bell\u{7}") == "nul\u{FFFD}bell\u{FFFD}")
        #expect(HTMLText.escaped("&amp;") == "&amp;amp;")
    }

    @Test("tables: header, labelled rows, numeric cells right-aligned, short rows padded, every cell escaped")
    func tables() {
        let table = HTMLTable(
            caption: "A & B", header: ["field", "a.json", "b.json"],
            rows: [["[loss]"], ["lost_percent", "1.5", "-2"], ["<name>", "x<y", "> 10"]])
        let html = table.html
        #expect(html.hasPrefix("<table>\n<caption>A &amp; B</caption>\n"))
        #expect(html.contains("<thead><tr><th scope=\"col\">field</th><th scope=\"col\">a.json</th><th scope=\"col\">b.json</th></tr></thead>"))
        #expect(html.contains("<tr><th scope=\"row\">[loss]</th><td></td><td></td></tr>"))
        #expect(html.contains("<tr><th scope=\"row\">lost_percent</th><td class=\"num\">1.5</td><td class=\"num\">-2</td></tr>"))
        #expect(html.contains("<tr><th scope=\"row\">&lt;name&gt;</th><td>x&lt;y</td><td class=\"num\">&gt; 10</td></tr>"))
        #expect(!html.contains("<name>"))
        let plain = HTMLTable(header: [], rows: [["1", "two"]], labelledRows: false).html
        #expect(plain == "<table>\n<tbody>\n<tr><td class=\"num\">1</td><td>two</td></tr>\n</tbody>\n</table>\n")
        let settings = HTMLTable(header: [], rows: [["2s", "20ms", "1e-05", "+1.25", "-", "NaN", "0x1f"]], labelledRows: false).html
        #expect(settings.contains("<td>2s</td><td>20ms</td><td class=\"num\">1e-05</td><td class=\"num\">+1.25</td><td>-</td><td>NaN</td><td>0x1f</td>"))
    }

    @Test("JSON figures: leaves by path, numbers as written (64-bit integers exact), strings decoded")
    func figures() throws {
        let json = """
            {"a": 1, "b": {"c": -0.000125, "d": [1.5e3, 2]}, "e": "x\\"<y>\\u00b5\\ud83d\\ude00",
             "f": true, "g": null, "h": 1764756000123456789, "i": [], "j": {}, "k": [{"m": 0}]}
            """
        let figures = try JSONFigures(json: json)
        #expect(figures.figures.map(\.path) == ["a", "b.c", "b.d[0]", "b.d[1]", "e", "f", "g", "h", "k[0].m"])
        #expect(figures.figures.map(\.value) == ["1", "-0.000125", "1.5e3", "2", "x\"<y>µ😀", "true", "null", "1764756000123456789", "0"])
        #expect(figures.figures[4].kind == .string)
        #expect(figures.rows[4] == ["e", "\"x\"<y>µ😀\""])
        #expect(figures.omitted.isEmpty)
    }

    @Test("JSON figures: long lists of plain values are summarised and named; lists of objects are listed")
    func longArrays() throws {
        let long = (0..<100).map(String.init).joined(separator: ",")
        let objects = (0..<100).map { "{\"v\":\($0)}" }.joined(separator: ",")
        let figures = try JSONFigures(json: "{\"per_packet\": [\(long)], \"sweep\": [\(objects)], \"short\": [1,2,3]}")
        #expect(figures.omitted.map(\.path) == ["per_packet"])
        #expect(figures.omitted.map(\.count) == [100])
        #expect(figures.figures.filter { $0.path.hasPrefix("sweep[") }.count == 100)
        #expect(figures.figures.filter { $0.path.hasPrefix("short[") }.map(\.value) == ["1", "2", "3"])
    }

    @Test("JSON figures: past the listing limit the rest are counted, not listed")
    func listingLimit() throws {
        let json = "{" + (0..<10).map { "\"f\($0)\": \($0)" }.joined(separator: ",") + "}"
        let figures = try JSONFigures(json: json, maximumListed: 4)
        #expect(figures.figures.map(\.path) == ["f0", "f1", "f2", "f3"])
        #expect(figures.unlisted == 6)
        #expect(try JSONFigures(json: json).unlisted == 0)
    }

    @Test("JSON figures: malformed documents are errors naming the byte, never a partial table", arguments: [
        "", "{", "{\"a\" 1}", "{\"a\": 01}", "{\"a\": 1.}", "{\"a\": -}", "[1,]", "{\"a\": \"\\x\"}", "{\"a\": tru}",
        "{} {}", "\"\u{1}\"", String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ])
    func malformed(json: String) {
        #expect(throws: JSONFiguresError.self) { try JSONFigures(json: json) }
    }

    @Test("command line: arguments a shell would split or expand are single-quoted")
    func commandLine() {
        #expect(Self.context.commandLine == "jitterbug analyze 'it'\\''s <a>.pcap' --html r.html")
        #expect(HTMLReportContext(arguments: ["a", "", "x=1,y"], versions: [], created: "").commandLine == "a '' x=1,y")
    }

    @Test("document: self-contained (no script, link or URL), escaped context, inlined SVG without its XML declaration")
    func document() throws {
        let svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><text>a &lt; b</text></svg>\n"
        let report = try HTMLReport.command(
            title: "jitterbug analyze: <a>.pcap", context: Self.context, printed: "packets  10\n",
            tables: [HTMLTable(header: ["k", "v"], rows: [["x", "1"]])], charts: [(svg, "chart & caption")],
            json: "{\"packets\": 10, \"name\": \"<b>\"}", jsonSource: "analyze --json")
        let html = report.html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<?xml"))
        #expect(!html.contains("url("))
        // The only URL is the SVG namespace name, which browsers never fetch.
        #expect(html.components(separatedBy: "http").count == 2)
        #expect(html.contains("<title>jitterbug analyze: &lt;a&gt;.pcap</title>"))
        #expect(html.contains("<code class=\"command\">jitterbug analyze &#39;it&#39;\\&#39;&#39;s &lt;a&gt;.pcap&#39; --html r.html</code>"))
        #expect(html.contains("<dd>libopus 1.5.2 &lt;test&gt;</dd>"))
        #expect(html.contains("<pre id=\"printed\">packets  10</pre>"))
        #expect(html.contains("<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><text>a &lt; b</text></svg>\n<figcaption>chart &amp; caption</figcaption>"))
        #expect(html.contains("<tr><th scope=\"row\">packets</th><td class=\"num\">10</td></tr>"))
        #expect(html.contains("<tr><th scope=\"row\">name</th><td>&quot;&lt;b&gt;&quot;</td></tr>"))
        #expect(html.contains("@media print"))
        #expect(html.contains(HTMLStyle.udpColour) && html.contains(HTMLStyle.tcpColour))
    }

    @Test("stats: the HTML table has the text table's groups, fields, values and change")
    func statsTable() throws {
        let a = try StatsDocument(name: "a.json", jsonData: Data("{\"lost_percent\": 1.0, \"jitter_ms\": 2.5}".utf8))
        let b = try StatsDocument(name: "b.json", jsonData: Data("{\"lost_percent\": 2.25, \"jitter_ms\": 4}".utf8))
        let comparison = StatsComparison(documents: [a, b])
        let table = comparison.htmlTable
        #expect(table.header == ["field", "a.json", "b.json", "change"])
        let fieldRows = table.rows.filter { $0.count > 1 }
        #expect(fieldRows.map(\.first) == comparison.commonFieldNames.map(Optional.some))
        #expect(fieldRows.contains(["lost_percent", "1", "2.25", "+1.25"]))
        #expect(fieldRows.contains(["jitter_ms", "2.5", "4", "+1.5"]))
        // Every cell of the text table's rows is in the HTML table too.
        for row in fieldRows { for cell in row { #expect(comparison.table.contains(cell)) } }
    }
}
