/// Self-contained SVG of a receiver's interval records (`recv --html`): three panels over
/// stream time, one point per interval at its end: loss (% of expected), RFC 3550 jitter (ms),
/// and the jitter buffer's target against the delay it delivered (ms). Shares the axes, colours
/// and markup of ``ComparisonChart``.
public enum IntervalChart {
    static let width = 1000.0
    static let panelHeight = 200.0
    static let panelGap = 80.0
    static let top = 60.0
    static let lossColour = "#c0392b"
    static let jitterColour = "#1f77b4"
    static let targetColour = "#8e44ad"
    static let deliveredColour = "#27ae60"

    /// The SVG document; `nil` when there are no records. Polylines carry `class="loss"`,
    /// `jitter`, `target` and `delivered`, and a `data-points` count (the intervals drawn,
    /// before any downsampling for long runs).
    public static func svg(_ records: [IntervalRecord], stream: String?) -> String? {
        guard !records.isEmpty else { return nil }
        let height = top + 3 * panelHeight + 3 * panelGap - 20
        var svg = SVGBuilder()
        svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" font-family=\"sans-serif\" font-size=\"12\" data-intervals=\"\(records.count)\">")
        svg.raw("<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>")
        svg.text("jitterbug recv: per interval\(stream.map { " — \($0)" } ?? "")", x: 20, y: 24, size: 16, weight: "bold")
        svg.text("\(records.count) intervals; each point is one interval, at its end.", x: 20, y: 44, size: 12)
        let xMax = ComparisonChart.axisMaximum(records.map(\.endSeconds).max() ?? 1)
        let x = records.map(\.endSeconds)
        panel(
            &svg, index: 0, xMax: xMax, title: "Loss per interval", yLabel: "lost (% of expected)",
            series: [("loss", "loss", lossColour, zip(x, records.map(\.lostPercent)).map(ChartPoint.init))])
        panel(
            &svg, index: 1, xMax: xMax, title: "Jitter (RFC 3550)", yLabel: "jitter (ms)",
            series: [("jitter", "jitter", jitterColour, zip(x, records.map(\.jitterMilliseconds)).map(ChartPoint.init))])
        let target = records.compactMap { r in r.targetDelayMilliseconds.map { ChartPoint(x: r.endSeconds, y: $0) } }
        panel(
            &svg, index: 2, xMax: xMax, title: "Jitter buffer: target vs delivered delay", yLabel: "delay (ms)",
            series: [
                ("target", "target", targetColour, target),
                ("delivered", "delivered", deliveredColour, zip(x, records.map(\.bufferMilliseconds)).map(ChartPoint.init)),
            ])
        svg.raw("</svg>")
        return svg.output
    }

    private static func panel(
        _ svg: inout SVGBuilder, index: Int, xMax: Double, title: String, yLabel: String,
        series: [(id: String, name: String, colour: String, points: [ChartPoint])]
    ) {
        let frame = ChartFrame(left: 80, top: top + 20 + Double(index) * (panelHeight + panelGap), width: 880, height: panelHeight)
        let yMax = ComparisonChart.axisMaximum((series.flatMap(\.points).map(\.y).filter(\.isFinite).max() ?? 1) * 1.05)
        let axes = ChartAxes(frame: frame, xMin: 0, xMax: xMax, yMin: 0, yMax: yMax, yLog: false)
        axes.draw(
            into: &svg, xLabel: "stream time (s)", yLabel: yLabel, title: title,
            xTicks: ComparisonChart.linearTicks(0, xMax),
            yTicks: ComparisonChart.linearTicks(0, yMax).map { ($0, ComparisonChart.tickText($0)) })
        for line in series where !line.points.isEmpty {
            let drawn = ComparisonChart.downsampled(line.points).map { axes.point(x: $0.x, y: $0.y.isFinite ? $0.y : 0) }
            let list = drawn.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
            svg.raw("<polyline class=\"\(line.id)\" data-points=\"\(line.points.count)\" fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"1.5\" stroke-linejoin=\"round\" points=\"\(list)\"/>")
        }
        axes.legend(series.map { ($0.name, $0.colour) }, into: &svg)
    }

    private static func n(_ value: Double) -> String { ComparisonChart.n(value) }
}
