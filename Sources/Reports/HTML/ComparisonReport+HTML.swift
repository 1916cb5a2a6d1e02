import Foundation

extension ComparisonReport {
    /// The `compare --html` report: the printed table, the chart of `compare --svg`, and every
    /// figure of `compare --json`; `phases` as in ``ComparisonChart/svg(_:phases:)``.
    public func htmlReport(context: HTMLReportContext, phases: [[ChartPhase]] = []) throws -> HTMLReport {
        try HTMLReport.command(
            title: "jitterbug compare: UDP vs TCP", context: context, printed: table,
            tables: [HTMLTable(caption: "Settings", header: ["setting", "value"], rows: settings.sorted { $0.key < $1.key }.map { [$0.key, $0.value] })],
            charts: [(
                ComparisonChart.svg(self, phases: phases),
                "Per block: one-way latency over stream time (UDP blue, TCP red)"
                    + (phases.joined().isEmpty ? "" : ", shaded where an impairment phase (orange) or blackhole (grey) was in force")
                    + "; late loss against playout delay, with the 1 % line.")],
            json: String(decoding: try jsonData(), as: UTF8.self), jsonSource: "compare --json")
    }
}
