/// Collects ground-truth records and renders them as JSON Lines with a fixed key order:
///
///     {"index":0,"send_us":0,"size_bytes":160,"fate":"delivered","reason":null,"delay_us":[40000],"duplicated":false,"corrupted":false,"corruption":[]}
///
/// Rendered with `JSONLine` (integers and fixed strings only, keys in the order above), so the
/// same seed and inputs give a byte-identical log on every platform. Long runs should stream `line(for:)` to a file instead
/// of keeping every record here.
public struct GroundTruthLog: Sendable, Hashable {
    /// Records in append order.
    public private(set) var records: [GroundTruthRecord] = []

    public init() {}

    /// Appends the record of a decision.
    public mutating func append(_ decision: ImpairmentDecision) {
        records.append(decision.groundTruth)
    }

    /// Appends a record.
    public mutating func append(_ record: GroundTruthRecord) {
        records.append(record)
    }

    /// All records, one JSON object per line, each line ending in "\n".
    public func renderJSONLines() -> String {
        var text = ""
        for record in records {
            text += Self.line(for: record)
            text += "\n"
        }
        return text
    }

    /// One record as a JSON object without the trailing newline.
    public static func line(for record: GroundTruthRecord) -> String {
        record.jsonMembers.text
    }
}
