/// A JSON document flattened to its leaves for the "all figures" table of an HTML report.
///
/// Arrays of more than ``maximumListedValues`` numbers, strings or literals (per-packet records
/// such as compare's `send_offset_us`) are not listed value by value: they would swamp the page
/// with thousands of rows that the charts already draw. Each is named in ``omitted`` with its
/// length, and the report says so. Everything else is listed, up to ``maximumListedFigures``
/// (an analysis of thousands of streams): past that, ``unlisted`` counts the rest, so a page
/// stays one a browser can open (500 streams are 240,000 figures, a 30 MB page).
public struct JSONFigures: Sendable {
    /// Scalar arrays longer than this are summarised, not listed.
    public static let maximumListedValues = 64
    /// Most figures listed; the rest are counted in ``unlisted``.
    public static let maximumListedFigures = 100_000
    /// Nesting deeper than this is a malformed document (our writers nest a few levels).
    static let maximumDepth = 64

    public var figures: [JSONFigure]
    /// Paths of the summarised arrays and how many values each holds.
    public var omitted: [(path: String, count: Int)]
    /// Figures past ``maximumListedFigures``, not listed (0 for most documents).
    public var unlisted: Int

    /// Parses `json` (UTF-8 JSON text, any value at the top).
    /// - Throws: `JSONFiguresError` naming the byte offset of the first malformed token.
    public init(json: String, maximumListed: Int = Self.maximumListedFigures) throws(JSONFiguresError) {
        var parser = JSONFigureParser(bytes: Array(json.utf8))
        var figures: [JSONFigure] = []
        var omitted: [(path: String, count: Int)] = []
        try parser.parseDocument(figures: &figures, omitted: &omitted)
        self.unlisted = max(0, figures.count - maximumListed)
        self.figures = Array(figures.prefix(maximumListed))
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
