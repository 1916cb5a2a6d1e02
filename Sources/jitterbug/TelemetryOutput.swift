import Codec
import Synchronization

/// `recv --telemetry-out FILE|-`: telemetry records to JSON Lines or CSV, flushed per record
/// so a reader of the file (or pipe) sees samples as they arrive.
final class TelemetryOutput: Sendable {
    private let sink: Mutex<any TelemetrySink>
    private let failures = Mutex(0)

    init(path: String, format: TelemetryOutputFormat) throws {
        do {
            switch format {
            case .jsonl: sink = Mutex(try TelemetryJSONLSink(path: path))
            case .csv: sink = Mutex(try TelemetryCSVSink(path: path))
            }
        } catch {
            throw RuntimeError("cannot write telemetry to '\(path)': \(error)")
        }
    }

    func write(_ record: TelemetryRecord) {
        sink.withLock { sink in
            do {
                try sink.write(record)
                try sink.flush()
            } catch {
                failures.withLock { $0 += 1 }
            }
        }
    }

    func close() {
        sink.withLock { try? $0.flush() }
    }
}
