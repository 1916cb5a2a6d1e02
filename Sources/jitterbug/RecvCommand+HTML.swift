import Reports
import Synchronization

extension RecvCommand {
    /// `--html`: the printed stream list and summary table, the per-interval chart (loss,
    /// jitter, buffer target vs delivered delay, from the same records as `--jsonl`), and every
    /// figure of `--json`.
    func htmlReport(_ summary: ReceiverSummary, intervals: IntervalRecordLog?) throws -> HTMLReport {
        let json = try JSONOutput.encode(summary)
        let printed = [summary.streamList, summary.table].compactMap { $0 }.joined(separator: "\n")
        var charts: [HTMLReport.Chart] = []
        if let log = intervals {
            let (records, dropped) = log.snapshot
            if let svg = IntervalChart.svg(records, stream: summary.stream) {
                let note = dropped > 0 ? " The first \(dropped) intervals are not drawn (the report keeps the last \(records.count))." : ""
                charts.append((svg, "Per interval (the --jsonl records): loss, jitter, and the jitter buffer's target against the delay it delivered.\(note)"))
            }
        }
        return try HTMLReportFile.build {
            try HTMLReport.command(
                title: "jitterbug recv: \(summary.stream ?? "receiver summary")", context: HTMLReportFile.context(),
                printed: printed, charts: charts, json: json, jsonSource: "recv --json")
        }
    }
}

/// The receiver's interval records for `recv --html`'s chart: the last ``capacity`` of them
/// (a day of 1 s intervals), appended once per interval, never per packet.
final class IntervalRecordLog: Sendable {
    static let capacity = 86_400
    private let state = Mutex((records: [IntervalRecord](), dropped: 0))

    func append(_ record: IntervalRecord) {
        state.withLock { state in
            if state.records.count >= Self.capacity {
                state.records.removeFirst(Self.capacity / 10)
                state.dropped += Self.capacity / 10
            }
            state.records.append(record)
        }
    }

    /// The records kept, oldest first, and how many older ones were let go.
    var snapshot: ([IntervalRecord], Int) { state.withLock { ($0.records, $0.dropped) } }
}
