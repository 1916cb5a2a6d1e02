/// A table built from rows of text: a header row, body rows (short rows are padded with empty
/// cells), an optional caption. Cells that read as numbers are right-aligned (class `num`), as
/// the text tables align them. Every cell is escaped.
public struct HTMLTable: Sendable, Equatable {
    public var caption: String?
    public var header: [String]
    public var rows: [[String]]
    /// The first column holds row labels (`<th scope="row">`).
    public var labelledRows: Bool

    public init(caption: String? = nil, header: [String], rows: [[String]], labelledRows: Bool = true) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.labelledRows = labelledRows
    }

    /// The `<table>` element, ending in a newline.
    public var html: String {
        let columns = max(header.count, rows.map(\.count).max() ?? 0)
        var out = "<table>\n"
        if let caption { out += "<caption>\(HTMLText.escaped(caption))</caption>\n" }
        if !header.isEmpty {
            out += "<thead><tr>"
            for column in 0..<columns {
                out += "<th scope=\"col\">\(HTMLText.escaped(column < header.count ? header[column] : ""))</th>"
            }
            out += "</tr></thead>\n"
        }
        out += "<tbody>\n"
        for row in rows {
            out += "<tr>"
            for column in 0..<columns {
                let cell = column < row.count ? row[column] : ""
                if column == 0, labelledRows {
                    out += "<th scope=\"row\">\(HTMLText.escaped(cell))</th>"
                } else {
                    let numeric = Self.looksNumeric(cell) ? " class=\"num\"" : ""
                    out += "<td\(numeric)>\(HTMLText.escaped(cell))</td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    /// Whether `cell` is a number ("12", "-0.5", "+3", "1e-05", "> 10"), for alignment only:
    /// "2s" or "20ms" are settings, left-aligned as text.
    static func looksNumeric(_ cell: String) -> Bool {
        var bytes = Substring(cell).utf8[...]
        if bytes.starts(with: "> ".utf8) { bytes = bytes.dropFirst(2) }
        if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard let first = bytes.first, first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        // Double(_:) also reads hex ("0x1f") and "infinity": decimal characters only.
        let decimal = bytes.allSatisfy {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
                || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E")
        }
        return decimal && Double(Substring(bytes)) != nil
    }
}
