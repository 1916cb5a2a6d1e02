/// Writes records as CSV (RFC 4180): a header line of ``ReportRecord/fieldNames`` before the
/// first row, then one row per record; numbers rounded to ``ReportValue/fractionDigits``
/// decimals, missing and non-finite values as empty cells, text quoted when needed.
///
/// A value type: keep it in a `var` so the header is written exactly once.
public struct CSVWriter<Record: ReportRecord>: Sendable {
    public let output: TextOutput
    /// Whether the header has been written.
    public private(set) var hasWrittenHeader = false

    public init(output: TextOutput, for _: Record.Type = Record.self) {
        self.output = output
    }

    /// The header line (no trailing newline).
    public static var header: String { Record.fieldNames.map(cell).joined(separator: ",") }

    /// Writes the header now if it was not written yet (e.g. for a run with no intervals).
    public mutating func writeHeaderIfNeeded() {
        guard !hasWrittenHeader else { return }
        hasWrittenHeader = true
        output.writeLine(Self.header)
    }

    /// Writes one row (and the header first if needed).
    public mutating func write(_ record: Record) {
        writeHeaderIfNeeded()
        output.writeLine(Self.row(record))
    }

    /// The CSV row for `record` (no trailing newline).
    public static func row(_ record: Record) -> String {
        record.fieldValues.map { value in
            switch value {
            case .integer(let integer): String(integer)
            case .number: value.roundedNumber.map(\.description) ?? ""
            case .text(let text): cell(text)
            case .null: ""
            }
        }.joined(separator: ",")
    }

    /// Quotes a cell containing a comma, quote or line break, doubling inner quotes.
    static func cell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        var quoted = "\""
        for character in text {
            quoted.append(character)
            if character == "\"" { quoted.append("\"") }
        }
        return quoted + "\""
    }
}
