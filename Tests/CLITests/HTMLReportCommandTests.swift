import Foundation
import JitterbugTestSupport
import Testing

/// `--html FILE` on recv, analyze, compare and stats, as a person would open it: each command
/// runs for real, Debian's headless Chromium loads the report from disk, and the test reads the
/// DOM the browser built. Checked: the browser logged nothing to the console (the report has no
/// scripts, and nothing it references is missing), the printed tables are there verbatim, the
/// charts are inline SVG, and every number of the same run's `--json` is on the page.
///
/// The reference for "every number" is Foundation's JSON reader walking the `--json` file, not
/// the report's own flattening. Fields deliberately not listed one by one: arrays of more than
/// 64 plain values (compare's per-packet `send_offset_us`, `arrival_offset_us`, `wire_bytes`,
/// `payload_bytes`): they are drawn in the latency chart, and the page names each with its
/// length, which the test checks; and figures past the first 100,000 (thousands of streams;
/// these short runs have a few hundred), which the page counts. `stats` has no `--json`: its numbers are the fields its input
/// files have in common, formatted as its table formats them (3 decimals, trailing zeros cut).
@Suite(.serialized, .enabled(if: HeadlessChromium.executable != nil, "needs chromium (Tools/setup installs it)"))
struct HTMLReportCommandTests {
    /// The page as the browser left it.
    struct Page {
        var dom: String
        /// `<tr>` rows of every table, cells as text.
        var rows: [[String]]
        /// The `<pre>` with what the command printed.
        var printed: String
        /// The "not listed value by value" note, empty when there is none.
        var omittedNote: String
    }

    /// Loads `path` in headless Chromium; expects a clean load and no console messages.
    static func load(_ path: String) throws -> Page {
        let load = try HeadlessChromium.dumpDOM(URL(fileURLWithPath: path).absoluteString, settleMilliseconds: 500)
        #expect(load.exitCode == 0)
        #expect(load.consoleMessages.isEmpty, "console: \(load.consoleMessages)")
        #expect(load.dom.contains("</html>"), "a whole document")
        let rows = matches(#"<tr>(.*?)</tr>"#, in: load.dom).map { row in
            matches(#"<t[hd][^>]*>(.*?)</t[hd]>"#, in: row).map(text)
        }
        let printed = matches(#"<pre id="printed">([\s\S]*?)</pre>"#, in: load.dom).first.map(text) ?? ""
        let note = matches(#"<p class="note">(Not listed[^<]*)</p>"#, in: load.dom).first.map(text) ?? ""
        return Page(dom: load.dom, rows: rows, printed: printed, omittedNote: note)
    }

    /// First capture group of every match.
    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// Markup to text: tags dropped, the entities a serialised DOM uses decoded.
    static func text(_ markup: String) -> String {
        markup.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&nbsp;", with: "\u{A0}").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Any JSON value as Foundation's `JSONDecoder` reads it (booleans before numbers, so a
    /// `true` is never taken for 1).
    enum JSONValue: Decodable {
        case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
            else { self = .object(try container.decode([String: JSONValue].self)) }
        }

        static func read(_ path: String) throws -> JSONValue {
            try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        }

        /// Every leaf by path (`a.b[2].c`).
        func leaves(path: String = "", into result: inout [(path: String, value: JSONValue)]) {
            switch self {
            case .object(let members):
                for (key, member) in members { member.leaves(path: path.isEmpty ? key : path + "." + key, into: &result) }
            case .array(let elements):
                for (index, element) in elements.enumerated() { element.leaves(path: path + "[\(index)]", into: &result) }
            default: result.append((path, self))
            }
        }

        /// Numeric leaves of an object by dotted path, arrays skipped (as `stats` documents).
        func numericFields(prefix: String = "") -> [String: Double] {
            guard case .object(let members) = self else { return [:] }
            var fields: [String: Double] = [:]
            for (key, member) in members {
                switch member {
                case .number(let number): fields[prefix + key] = number
                case .object: fields.merge(member.numericFields(prefix: prefix + key + "."), uniquingKeysWith: { first, _ in first })
                default: break
                }
            }
            return fields
        }
    }

    /// Checks that the page's "All figures" table has every leaf of the JSON file at `jsonPath`
    /// with an equal value, and nothing else; long per-value arrays may instead be named in the
    /// page's note with their length.
    static func expectEveryFigure(of jsonPath: String, on page: Page) throws {
        var all: [(path: String, value: JSONValue)] = []
        try JSONValue.read(jsonPath).leaves(into: &all)
        // The figures section's rows: after its heading, before the end of its table.
        let section = page.dom.components(separatedBy: "<h2 id=\"figures\">").dropFirst().first ?? ""
        let figureRows = matches(#"<tr>(.*?)</tr>"#, in: section.components(separatedBy: "</table>").first ?? "").map { row in
            matches(#"<t[hd][^>]*>(.*?)</t[hd]>"#, in: row).map(text)
        }
        #expect(figureRows.first == ["field", "value"])
        let figures = Dictionary(figureRows.dropFirst().map { ($0[0], $0.count > 1 ? $0[1] : "") }, uniquingKeysWith: { first, _ in first })
        var listed = 0
        var numbers = 0
        for (path, value) in all {
            if let bracket = path.lastIndex(of: "["), figures[path] == nil {
                // Summarised: the note names the array and its length.
                let array = String(path[..<bracket])
                let length = all.filter { $0.path.hasPrefix(array + "[") }.count
                if page.omittedNote.contains("\(array) (\(length) values)") { continue }
            }
            guard let shown = figures[path] else {
                Issue.record("\(jsonPath): \(path) = \(value) is not on the page")
                continue
            }
            listed += 1
            switch value {
            case .string(let string): #expect(shown == "\"\(string)\"", "\(path)")
            case .null: #expect(shown == "null", "\(path)")
            case .bool(let bool): #expect(shown == "\(bool)", "\(path)")
            case .number(let jsonValue):
                numbers += 1
                let pageValue = try #require(Double(shown), "\(path): '\(shown)' is not a number")
                #expect(abs(pageValue - jsonValue) <= 1e-12 * max(1, abs(jsonValue)), "\(path): page \(shown), JSON \(jsonValue)")
            case .array, .object: Issue.record("\(path): not a leaf")
            }
        }
        #expect(numbers > 10, "a real run has many numbers: \(numbers)")
        // Nothing on the page that the JSON does not have.
        #expect(listed == figures.count, "\(listed) JSON leaves listed, \(figures.count) rows")
    }

    /// The report states how it was made.
    static func expectContext(_ page: Page, command: String) {
        #expect(page.dom.contains("<code class=\"command\">"), "command line")
        #expect(page.dom.contains(command))
        #expect(page.dom.contains("<dt>jitterbug</dt>"))
        #expect(page.dom.contains("<dt>libopus</dt><dd>libopus "))
        #expect(page.dom.contains("<dt>system</dt><dd>Linux "))
        #expect(!page.dom.contains("<script"), "readable without scripts")
        // Self-contained: nothing to fetch (a missing image or stylesheet would not reach the console).
        for reference in [" src=", " href=", "<link", "url(", "@import"] { #expect(!page.dom.contains(reference), "\(reference)") }
        #expect(page.dom.contains("@media print"), "a print stylesheet")
    }

    /// Runs `recv --html` with `--json` and `--capture` while `send` streams 2 s through
    /// `impair` (the sender's own seeded drop); returns the directory's file paths.
    static func receive(impair: String?, name: String, in directory: URL) throws -> (json: String, html: String, capture: String, stdout: String) {
        let port = CommandRunner.freeUDPPort()
        let json = directory.appendingPathComponent("\(name).json").path
        let html = directory.appendingPathComponent("\(name).html").path
        let capture = directory.appendingPathComponent("\(name).pcap").path
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "20s", "--interval", "0s",
             "--no-decode", "--capture", capture, "--json", json, "--html", html])
        let sender = try CommandRunner.jitterbug(
            ["send", "--to", "127.0.0.1:\(port)", "--duration", "2s"] + (impair.map { ["--impair", $0] } ?? []))
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        let received = try receiver.finish(timeoutSeconds: 30)
        #expect(received.exitCode == 0, "\(received.stderr)")
        return (json, html, capture, received.stdout)
    }

    @Test func recvAnalyzeAndStatsReportsShowEveryNumberOfTheirRun() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lossy = try Self.receive(impair: "loss=10%,seed=7", name: "lossy", in: directory)
        let clean = try Self.receive(impair: nil, name: "clean", in: directory)

        // recv: the printed summary verbatim, every figure of its JSON.
        let recvPage = try Self.load(lossy.html)
        Self.expectContext(recvPage, command: "recv --listen 127.0.0.1:")
        #expect(!recvPage.printed.isEmpty && lossy.stdout.contains(recvPage.printed), "printed:\n\(recvPage.printed)")
        try Self.expectEveryFigure(of: lossy.json, on: recvPage)
        let lossyJSON = try JSONValue.read(lossy.json)
        #expect((lossyJSON.numericFields()["lost_packets"] ?? 0) > 0, "the seeded drop lost packets")

        // analyze of the receiver's capture: table, charts, every figure.
        let analyzeJSON = directory.appendingPathComponent("analyze.json").path
        let analyzeHTML = directory.appendingPathComponent("analyze.html").path
        let analyze = try CommandRunner.jitterbug(["analyze", lossy.capture, "--json", analyzeJSON, "--html", analyzeHTML])
        #expect(analyze.exitCode == 0, "\(analyze.stderr)")
        let analyzePage = try Self.load(analyzeHTML)
        Self.expectContext(analyzePage, command: "analyze \(lossy.capture)")
        #expect(analyzePage.printed + "\n" == analyze.stdout, "the printed table, verbatim")
        #expect(analyzePage.dom.contains("<figure class=\"chart\">\n<svg"), "inline SVG")
        #expect(analyzePage.dom.contains("class=\"transit\"") && analyzePage.dom.contains("class=\"jitter\""))
        try Self.expectEveryFigure(of: analyzeJSON, on: analyzePage)

        // stats of the two summaries: every common field, as its table formats it.
        let statsHTML = directory.appendingPathComponent("stats.html").path
        let stats = try CommandRunner.jitterbug(["stats", lossy.json, clean.json, "--html", statsHTML])
        #expect(stats.exitCode == 0, "\(stats.stderr)")
        let statsPage = try Self.load(statsHTML)
        Self.expectContext(statsPage, command: "stats \(lossy.json) \(clean.json)")
        #expect(statsPage.printed == stats.stdout.trimmingCharacters(in: .newlines), "the printed table, verbatim")
        let rows = Dictionary(statsPage.rows.filter { $0.count == 4 }.map { ($0[0], $0) }, uniquingKeysWith: { first, _ in first })
        let numericA = lossyJSON.numericFields()
        let numericB = try JSONValue.read(clean.json).numericFields()
        let common = Set(numericA.keys).intersection(numericB.keys)
        #expect(common.count > 20, "\(common.count) common fields")
        for field in common.sorted() {
            guard let row = rows[field] else {
                Issue.record("stats: \(field) is not on the page")
                continue
            }
            let a = numericA[field] ?? .nan
            let b = numericB[field] ?? .nan
            #expect(row[1] == Self.statsText(a) && row[2] == Self.statsText(b), "\(field): \(row) vs \(a), \(b)")
            let change = b - a
            #expect(row[3] == (change > 0 ? "+" : "") + Self.statsText(change), "\(field) change: \(row[3]) vs \(change)")
        }
    }

    /// `stats`'s number text: integers whole, others to 3 decimals without trailing zeros.
    static func statsText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 9e15 { return String(Int64(value)) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    @Test func compareReportShowsTheTableTheChartAndEveryNumber() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = directory.appendingPathComponent("compare.json").path
        let html = directory.appendingPathComponent("compare.html").path
        let result = try CommandRunner.jitterbug(
            ["compare", "--no-lab", "--duration", "2s", "--impair", "loss=5%,delay=10ms,seed=3", "--json", json, "--html", html],
            timeoutSeconds: 120)
        #expect(result.exitCode == 0, "\(result.stdout)\n\(result.stderr)")
        let page = try Self.load(html)
        Self.expectContext(page, command: "compare --no-lab --duration 2s")
        #expect(!page.printed.isEmpty && result.stdout.contains(page.printed), "the printed table, verbatim")
        #expect(page.dom.components(separatedBy: "<polyline").count - 1 >= 4, "latency and late-loss lines of both paths")
        // The per-packet records are summarised, and the page says which.
        for array in ["udp_packets.send_offset_us", "udp_packets.arrival_offset_us", "tcp_packets.wire_bytes"] {
            #expect(page.omittedNote.contains(array), "\(array) named in: \(page.omittedNote)")
        }
        try Self.expectEveryFigure(of: json, on: page)
    }

    @Test func unwritableOrConflictingHTMLPathIsAUsageErrorBeforeAnyWork() throws {
        let missing = "/nonexistent-directory/report.html"
        let port = CommandRunner.freeUDPPort()
        for arguments in [
            ["recv", "--listen", "127.0.0.1:\(port)", "--duration", "5s", "--html", missing],
            ["analyze", "whatever.pcap", "--html", missing],
            ["compare", "--duration", "1s", "--html", missing],
            ["stats", "whatever.json", "--html", missing],
            ["compare", "--duration", "1s", "--html", "-"],
            ["stats", "whatever.json", "--csv", "-", "--html", "-"],
            ["analyze", "whatever.pcap", "--json", "-", "--html", "-"],
            ["recv", "--listen", "127.0.0.1:\(port)", "--json", "-", "--html", "-"],
        ] {
            let result = try CommandRunner.jitterbug(arguments, timeoutSeconds: 20)
            #expect(result.exitCode == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("--html"), "\(arguments): \(result.stderr)")
            // No socket bound, no path streamed: the check came before any work.
            #expect(!result.stdout.contains("listening") && !result.stderr.contains("listening"), "\(arguments)")
            #expect(!result.stdout.contains("UDP for"), "\(arguments)")
        }
    }
}
