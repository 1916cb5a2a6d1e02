import Foundation

extension ComparisonReport {
    /// The `compare --html` report: the printed table, the chart of `compare --svg`, and every
    /// figure of `compare --json`.
    public func htmlReport(context: HTMLReportContext) throws -> HTMLReport {
        try HTMLReport.command(
            title: "jitterbug compare: UDP vs TCP", context: context, printed: table,
            tables: [HTMLTable(caption: "Settings", header: ["setting", "value"], rows: settings.sorted { $0.key < $1.key }.map { [$0.key, $0.value] })],
            charts: [(svg, "Per block: one-way latency over stream time (UDP blue, TCP red); late loss against playout delay, with the 1 % line.")],
            json: String(decoding: try jsonData(), as: UTF8.self), jsonSource: "compare --json")
    }
}
