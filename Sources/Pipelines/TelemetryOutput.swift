import Telemetry
import Synchronization

/// `recv --telemetry-out FILE|-|DIR/`: telemetry records as JSON Lines or CSV, flushed per
/// record so a reader of the file (or pipe) sees samples as they arrive; one file per stream
/// when the path is a directory.
package final class TelemetryOutput: Sendable {
    private let path: String
    private let format: TelemetryOutputFormat
    private let perStream: Bool
    private let sinks = Mutex<(first: StreamKey?, open: [StreamKey: any TelemetrySink])>((nil, [:]))
    private let failures = Mutex(0)

    package init(path: String, format: TelemetryOutputFormat) throws {
        self.path = path
        self.format = format
        self.perStream = OutputPath.isDirectory(path)
        if !perStream {
            // Open now, so a bad path is an error before anything is received.
            _ = try makeSink(path)
        }
    }

    private func makeSink(_ target: String) throws -> any TelemetrySink {
        do {
            switch format {
            case .jsonl: return try TelemetryJSONLSink(path: target)
            case .csv: return try TelemetryCSVSink(path: target)
            }
        } catch {
            throw ReceiverOutputError("cannot write telemetry to '\(target)': \(error)")
        }
    }

    package func write(_ key: StreamKey, _ record: TelemetryRecord) {
        sinks.withLock { state in
            if state.first == nil { state.first = key }
            guard perStream || key == state.first else { return }
            do {
                if state.open[key] == nil {
                    let target = perStream ? OutputPath.file(in: path, for: key, extension: format.rawValue) : path
                    state.open[key] = try makeSink(target)
                }
                try state.open[key]?.write(record)
                try state.open[key]?.flush()
            } catch {
                failures.withLock { $0 += 1 }
            }
        }
    }

    package func close() {
        sinks.withLock { state in
            for key in Array(state.open.keys) { try? state.open[key]?.flush() }
        }
    }
}
