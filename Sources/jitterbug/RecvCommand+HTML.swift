import Reports

extension RecvCommand {
    /// `--html`: the printed stream list and summary table, and every figure of `--json`. recv
    /// keeps no per-interval history, so there is no chart (the `--jsonl` records have them).
    func htmlReport(_ summary: ReceiverSummary) throws -> HTMLReport {
        let json = try JSONOutput.encode(summary)
        let printed = [summary.streamList, summary.table].compactMap { $0 }.joined(separator: "\n")
        return try HTMLReportFile.build {
            try HTMLReport.command(
                title: "jitterbug recv: \(summary.stream ?? "receiver summary")", context: HTMLReportFile.context(),
                printed: printed, json: json, jsonSource: "recv --json")
        }
    }
}
