/// A flat record with a fixed, ordered list of snake_case fields, writable as JSONL and CSV.
public protocol ReportRecord: Sendable {
    /// Field names in output order (snake_case); the CSV header and JSON key order.
    static var fieldNames: [String] { get }
    /// Values in the same order as ``fieldNames``.
    var fieldValues: [ReportValue] { get }
}
