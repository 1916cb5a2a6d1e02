/// Collects ground-truth records and renders them as JSON Lines with a fixed key order:
///
///     {"index":0,"send_us":0,"size_bytes":160,"fate":"delivered","reason":null,"delay_us":[40000],"duplicated":false,"corrupted":false,"corruption":[]}
///
/// Rendering is by hand (integers and fixed strings only), so the same seed and inputs give a
/// byte-identical log on every platform. Long runs should stream `line(for:)` to a file instead
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
        let reason = record.reason.map { "\"\($0.rawValue)\"" } ?? "null"
        let delays = record.delayMicroseconds.map(String.init).joined(separator: ",")
        let corruptions = record.corruptions
            .map { "{\"copy\":\($0.copy),\"byte\":\($0.byte),\"mask\":\($0.mask)}" }
            .joined(separator: ",")
        return "{\"index\":\(record.index),\"send_us\":\(record.sendMicroseconds),"
            + "\"size_bytes\":\(record.sizeBytes),\"fate\":\"\(record.fate.rawValue)\","
            + "\"reason\":\(reason),\"delay_us\":[\(delays)],"
            + "\"duplicated\":\(record.duplicated),\"corrupted\":\(record.corrupted),"
            + "\"corruption\":[\(corruptions)]}"
    }
}
