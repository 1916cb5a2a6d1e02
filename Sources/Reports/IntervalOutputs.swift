import Synchronization

/// Interval records for people (fixed-width lines) and machines (JSONL, CSV) as the run goes.
package final class IntervalOutputs: Sendable {
    private let jsonl: JSONLWriter?
    private let csv: Mutex<CSVWriter<IntervalRecord>?>

    /// Opens the files (`-` for stdout); nil for none.
    /// - Throws: what ``TextOutput/open(path:)`` throws.
    package init(jsonl: String?, csv: String?) throws {
        self.jsonl = try jsonl.map { JSONLWriter(output: try TextOutput.open(path: $0)) }
        self.csv = Mutex(try csv.map { CSVWriter(output: try TextOutput.open(path: $0), for: IntervalRecord.self) })
    }

    package func write(_ record: IntervalRecord) {
        jsonl?.write(record)
        csv.withLock { $0?.write(record) }
    }

    package static var header: String { IntervalLineFormatter(showsRoundTripTime: true).header }

    package static func line(_ record: IntervalRecord) -> String {
        IntervalLineFormatter(showsRoundTripTime: true).line(record)
    }
}
