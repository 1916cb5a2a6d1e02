/// Splits one CSV line into cells (RFC 4180 quoting: `"a,b"` and `""` for a quote; quoted
/// fields cannot span lines). Unquoted cells are trimmed of surrounding spaces and tabs.
enum TelemetryCSVLine {
    /// The cells of `line`, or `nil` when a quoted field is not terminated.
    static func split(_ line: String) -> [String]? {
        var cells: [String] = []
        var current = ""
        var inQuotes = false
        var wasQuoted = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            if inQuotes {
                if character == "\"" {
                    // A doubled quote is a literal quote; a single one closes the field.
                    var lookahead = iterator
                    if lookahead.next() == "\"" {
                        current.append("\"")
                        iterator = lookahead
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "," {
                cells.append(wasQuoted ? current : current.trimmingWhitespace())
                current = ""
                wasQuoted = false
            } else if character == "\"", current.trimmingWhitespace().isEmpty {
                inQuotes = true
                wasQuoted = true
                current = ""
            } else {
                current.append(character)
            }
        }
        guard !inQuotes else { return nil }
        cells.append(wasQuoted ? current : current.trimmingWhitespace())
        return cells
    }

    /// `cell` quoted if it contains a comma, quote or line break (for writing CSV).
    static func escape(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingAll("\"", with: "\"\"") + "\""
    }
}
