import Analysis
import Reports

extension AnalyzeCommand {
    /// `--html`: the printed table, the `--svg` charts and every figure of `--json`.
    func htmlReport(_ result: AnalysisResult, table: String) throws -> HTMLReport {
        let json = try result.report.jsonText()
        return try HTMLReportFile.build {
            try HTMLReport.command(
                title: "jitterbug analyze: \(files.joined(separator: ", "))", context: HTMLReportFile.context(),
                printed: table,
                charts: [(
                    AnalysisChart.svg(streams: result.charts),
                    "Per stream: transit above the fastest packet (band) and jitter over capture time, lost packets marked red; late loss against playout delay with each jitter buffer's point."
                )],
                json: json, jsonSource: "analyze --json")
        }
    }
}
