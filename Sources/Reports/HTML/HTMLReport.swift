/// One self-contained HTML report (`--html FILE`): a title, how it was made (command line,
/// versions), then sections of tables, preformatted text tables and inline SVG charts, and
/// the "all figures" table of the run's JSON. No scripts, links, fonts or images from elsewhere:
/// it reads offline, and prints (see ``HTMLStyle``).
///
/// Built in order with the `add…` methods; ``html`` is the finished document.
public struct HTMLReport: Sendable {
    public var title: String
    public var context: HTMLReportContext
    private var body = ""

    public init(title: String, context: HTMLReportContext) {
        self.title = title
        self.context = context
    }

    /// A section heading (`<h2>`), with an `id` for links within the page.
    public mutating func addHeading(_ text: String, id: String? = nil) {
        let anchor = id.map { " id=\"\(HTMLText.escaped($0))\"" } ?? ""
        body += "<h2\(anchor)>\(HTMLText.escaped(text))</h2>\n"
    }

    /// A sub-heading (`<h3>`).
    public mutating func addSubheading(_ text: String) {
        body += "<h3>\(HTMLText.escaped(text))</h3>\n"
    }

    /// A paragraph of explanation.
    public mutating func addNote(_ text: String) {
        body += "<p class=\"note\">\(HTMLText.escaped(text))</p>\n"
    }

    /// Text exactly as the command printed it (aligned text tables), in a `<pre>`.
    public mutating func addPreformatted(_ text: String, id: String? = nil) {
        let anchor = id.map { " id=\"\(HTMLText.escaped($0))\"" } ?? ""
        let trimmed = text.hasSuffix("\n") ? String(text.dropLast()) : text
        body += "<pre\(anchor)>\(HTMLText.escaped(trimmed))</pre>\n"
    }

    public mutating func addTable(_ table: HTMLTable) {
        body += table.html
    }

    /// An SVG document from one of the chart writers, inlined: the XML declaration is dropped
    /// (not allowed inside HTML); the markup is the writers' own, whose text is XML-escaped.
    public mutating func addChart(svg: String, caption: String) {
        var markup = Substring(svg)
        if markup.hasPrefix("<?xml"), let end = markup.range(of: "?>") {
            markup = markup[end.upperBound...]
        }
        body += "<figure class=\"chart\">\n"
        body += markup.trimmingPrefix { $0.isWhitespace }
        if !markup.hasSuffix("\n") { body += "\n" }
        body += "<figcaption>\(HTMLText.escaped(caption))</figcaption>\n</figure>\n"
    }

    /// The "all figures" section: every leaf of `json` by path, numbers as written there, and
    /// which long per-value arrays are summarised rather than listed (see ``JSONFigures``).
    /// - Throws: `JSONFiguresError` when `json` is malformed.
    public mutating func addFigures(json: String, source: String) throws(JSONFiguresError) {
        let figures = try JSONFigures(json: json)
        addHeading("All figures", id: "figures")
        addNote("Every value of \(source), by path, as written there (numbers unrounded).")
        addTable(HTMLTable(header: ["field", "value"], rows: figures.rows))
        if figures.unlisted > 0 {
            addNote(
                "\(figures.unlisted) more figures are not listed: the page lists the first \(figures.figures.count) "
                    + "(a page a browser can open); the JSON has them all.")
        }
        if !figures.omitted.isEmpty {
            addNote(
                "Not listed value by value (per-packet records, drawn in the charts above; the JSON has them all): "
                    + figures.omitted.map { "\($0.path) (\($0.count) values)" }.joined(separator: ", ") + ".")
        }
    }

    /// The finished document.
    public var html: String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(HTMLText.escaped(title))</title>\n"
        out += "<style>\n\(HTMLStyle.css)\n</style>\n</head>\n<body>\n"
        out += "<h1>\(HTMLText.escaped(title))</h1>\n"
        out += "<dl class=\"about\">\n"
        out += "<dt>command</dt><dd><code class=\"command\">\(HTMLText.escaped(context.commandLine))</code></dd>\n"
        for version in context.versions {
            out += "<dt>\(HTMLText.escaped(version.name))</dt><dd>\(HTMLText.escaped(version.value))</dd>\n"
        }
        out += "<dt>written</dt><dd>\(HTMLText.escaped(context.created))</dd>\n</dl>\n"
        out += body
        out += "</body>\n</html>\n"
        return out
    }
}
