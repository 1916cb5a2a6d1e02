/// One field value of a report row, as the JSONL and CSV writers render it.
public enum ReportValue: Sendable, Equatable, Hashable {
    case integer(Int64)
    /// Rendered with at most ``ReportValue/fractionDigits`` decimals; non-finite → null/empty.
    case number(Double)
    case text(String)
    /// Missing (JSON `null`, empty CSV cell).
    case null

    /// Decimals kept for `.number` in JSONL/CSV: 3 (µs for millisecond fields).
    public static let fractionDigits = 3

    /// `.number(value)` or `.null` when `value` is `nil`.
    public static func optional(_ value: Double?) -> ReportValue {
        value.map { .number($0) } ?? .null
    }

    /// The number rounded to ``fractionDigits`` decimals, `nil` if not finite.
    var roundedNumber: Double? {
        guard case .number(let value) = self, value.isFinite else { return nil }
        let scale = 1_000.0
        let rounded = (value * scale).rounded() / scale
        return rounded == 0 ? 0 : rounded  // no "-0.0"
    }
}
