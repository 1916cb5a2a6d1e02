/// A two-column (label, value) table with the values aligned, for end-of-run summaries:
///
///     receiver summary
///       packets:      1500
///       lost:         12 (0.80%)
///       MOS:          4.21 (estimate)
public struct SummaryTable: Sendable, Equatable {
    /// One row.
    public struct Row: Sendable, Equatable, Hashable {
        public var label: String
        public var value: String

        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// Optional first line, printed unindented.
    public var title: String?
    /// The rows in order.
    public var rows: [Row]

    public init(title: String? = nil, rows: [Row] = []) {
        self.title = title
        self.rows = rows
    }

    /// Appends a row.
    public mutating func add(_ label: String, _ value: String) {
        rows.append(Row(label: label, value: value))
    }

    /// Appends a row with a number formatted to `decimals` places and an optional unit suffix.
    public mutating func add(_ label: String, _ value: Double, decimals: Int, unit: String = "") {
        add(label, NumberFormatting.fixed(value, decimals: decimals) + unit)
    }

    /// The rendered lines: title, then "  label:" padded to the longest label + 2 spaces, value.
    public var lines: [String] {
        let width = (rows.map { $0.label.count }.max() ?? 0) + 1
        let body = rows.map { row in
            "  " + NumberFormatting.padRight(row.label + ":", width) + "  " + row.value
        }
        return (title.map { [$0] } ?? []) + body
    }

    /// All lines joined with "\n", with a trailing newline (empty string for an empty table).
    public func render() -> String {
        let all = lines
        return all.isEmpty ? "" : all.joined(separator: "\n") + "\n"
    }
}
