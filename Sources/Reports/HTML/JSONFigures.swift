/// A JSON document flattened to its leaves for the "all figures" table of an HTML report.
///
/// Arrays of more than ``maximumListedValues`` numbers, strings or literals (per-packet records
/// such as compare's `send_offset_us`) are not listed value by value: they would swamp the page
/// with thousands of rows that the charts already draw. Each is named in ``omitted`` with its
/// length, and the report says so. Everything else is listed.
public struct JSONFigures: Sendable {
    /// Scalar arrays longer than this are summarised, not listed.
    public static let maximumListedValues = 64
    /// Nesting deeper than this is a malformed document (our writers nest a few levels).
    static let maximumDepth = 64

    public var figures: [JSONFigure]
    /// Paths of the summarised arrays and how many values each holds.
    public var omitted: [(path: String, count: Int)]

    /// Parses `json` (UTF-8 JSON text, any value at the top).
    /// - Throws: `JSONFiguresError` naming the byte offset of the first malformed token.
    public init(json: String) throws(JSONFiguresError) {
        var parser = JSONFigureParser(bytes: Array(json.utf8))
        var figures: [JSONFigure] = []
        var omitted: [(path: String, count: Int)] = []
        try parser.parseDocument(figures: &figures, omitted: &omitted)
        self.figures = figures
        self.omitted = omitted
    }

    /// One row per figure: path, value (strings quoted as JSON shows them, so `"12"` is not
    /// mistaken for a number).
    public var rows: [[String]] {
        figures.map { figure in
            [figure.path, figure.kind == .string ? "\"" + figure.value + "\"" : figure.value]
        }
    }
}
