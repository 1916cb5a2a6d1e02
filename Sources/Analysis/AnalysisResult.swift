/// The report and, per stream in the same order, what the charts draw.
public struct AnalysisResult: Sendable {
    public var report: AnalysisReport
    public var charts: [AnalysisChartStream]
}
