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
        let names = type(of: record).fieldNames
        let values = record.fieldValues
        let members = zip(names, values).map { name, value in "\(quoted(name)):\(encode(value))" }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// One value as JSON.
    static func encode(_ value: ReportValue) -> String {
        switch value {
        case .integer(let integer): String(integer)
        case .number: value.roundedNumber.map(\.description) ?? "null"
        case .text(let text): quoted(text)
        case .null: "null"
        }
    }

    /// A JSON string literal with the RFC 8259 escapes.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
