import JitterbugSupport

/// Writes records as JSON Lines: one object per line, keys in ``ReportRecord/fieldNames`` order
/// (deterministic, snake_case), numbers rounded to ``ReportValue/fractionDigits`` decimals,
/// non-finite numbers and missing values as `null`.
public struct JSONLWriter: Sendable {
    public let output: TextOutput

    public init(output: TextOutput) {
        self.output = output
    }

    /// Writes one record as one line.
    public func write(_ record: some ReportRecord) {
        output.writeLine(Self.encode(record))
    }

    /// The JSON object text for `record` (no trailing newline).
    public static func encode(_ record: some ReportRecord) -> String {
        var line = JSONLine()
        for (name, value) in zip(type(of: record).fieldNames, record.fieldValues) {
            switch value {
            case .integer(let integer): line.add(name, integer)
            case .number: line.add(name, value.roundedNumber)
            case .text(let text): line.add(name, text)
            case .null: line.addNull(name)
            }
        }
        return line.text
    }
}
