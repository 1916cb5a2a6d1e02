import Foundation

/// Locale-independent number and text helpers for the compare/stats output (no Foundation
/// formatting, so output is the same on every machine).
package enum CompareFormat {
    /// `value` with `decimals` digits after the point, rounded half away from zero; "nan"/"inf"
    /// for non-finite values; huge values fall back to `description`.
    package static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        let digits = max(0, min(decimals, 9))
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9.2e15 else { return value.description }
        let integer = Int64(scaled)
        let divisor = Int64(scale)
        let sign = value < 0 && integer != 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(integer)" }
        let fraction = String(integer % divisor)
        return "\(sign)\(integer / divisor)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// `fixed` for optionals: "—" when absent.
    static func fixed(_ value: Double?, _ decimals: Int) -> String {
        value.map { fixed($0, decimals) } ?? "—"
    }

    /// Shortest text for a number in CSV: integers without a point, others with up to 3 decimals.
    static func csvNumber(_ value: Double?) -> String {
        guard let value else { return "" }
        if value.isFinite, value == value.rounded(), abs(value) < 9e15 { return String(Int64(value)) }
        var text = fixed(value, 3)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// RFC 4180 field: quoted when it holds a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// XML text/attribute escaping for the SVG.
    package static func xmlEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    static func padRight(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

/// A plain-text table: first column left-aligned (labels), the others right-aligned (numbers).
struct CompareTextTable {
    var header: [String]
    var rows: [[String]]

    func render() -> String {
        let all = [header] + rows
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            (0..<columns).map { column in
                let cell = column < row.count ? row[column] : ""
                return column == 0 ? CompareFormat.padRight(cell, widths[column]) : CompareFormat.padLeft(cell, widths[column])
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }
}
