import Reports
import Synchronization

/// Interval records for people (fixed-width lines) and machines (JSONL, CSV) as the run goes.
final class IntervalOutputs: Sendable {
    private let jsonl: JSONLWriter?
    private let csv: Mutex<CSVWriter<IntervalRecord>?>

    init(jsonl: String?, csv: String?) throws {
        do {
            self.jsonl = try jsonl.map { JSONLWriter(output: try TextOutput.open(path: $0)) }
            self.csv = Mutex(try csv.map { CSVWriter(output: try TextOutput.open(path: $0), for: IntervalRecord.self) })
        } catch {
            throw RuntimeError("cannot open interval output: \(error)")
        }
    }

    func write(_ record: IntervalRecord) {
        jsonl?.write(record)
        csv.withLock { $0?.write(record) }
    }

    func close() {}

    static var header: String { IntervalLineFormatter(showsRoundTripTime: true).header }

    static func line(_ record: IntervalRecord) -> String {
        IntervalLineFormatter(showsRoundTripTime: true).line(record)
    }
}
