import Foundation
import Reports

/// The `analyze --svg` document: per stream, delay and jitter over time with loss bursts marked,
/// and the late-loss against playout-delay curve with each buffer's point.
///
/// One self-contained SVG (no scripts or links), drawn with the compare charts' axes and styling
/// (`Reports/Compare`): a header, then one `<g class="stream">` per stream, in the order given:
/// panel 1 = transit above the fastest packet (ms, the band between each point's lowest and
/// highest) and RFC 3550 jitter (ms) over capture time (s), lost packets as red marks along the
/// bottom (taller for longer runs, a `<title>` with the count); panel 2 = late loss (% of
/// received, log axis, 0 drawn at 0.01 %) against fixed playout delay above the fastest packet
/// (ms), with each jitter buffer's (mean playout delay, late loss) as a labelled dot.
public enum AnalysisChart {
    static let width = 1000.0
    static let headerHeight = 64.0
    static let blockHeight = 340.0
    static let transitColour = "#1f77b4"
    static let transitBandColour = "#aec7e8"
    static let jitterColour = "#ff7f0e"
    static let lossColour = "#d62728"
    static let curveColour = "#2ca02c"
    static let policyColours = ["#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
    /// Log axis floor of panel 2: 0 % late loss is drawn at this value.
    static let lateLossFloorPercent = 0.01

    public static func svg(streams: [AnalysisChartStream]) -> String {
        let height = headerHeight + blockHeight * Double(max(streams.count, 1))
        var svg = SVGBuilder()
        svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" font-family=\"sans-serif\" font-size=\"12\">")
        svg.raw("<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>")
        svg.text("jitterbug analyze: \(streams.count) stream\(streams.count == 1 ? "" : "s")", x: 20, y: 24, size: 16, weight: "bold")
        svg.text("Transit and jitter as the capture saw them; late loss and playout delay are replays of the arrivals (delays above the fastest packet).", x: 20, y: 46, size: 12)
        if streams.isEmpty { svg.text("no RTP streams found", x: 20, y: headerHeight + 20, size: 12) }
        for (index, stream) in streams.enumerated() {
            let top = headerHeight + blockHeight * Double(index)
            svg.raw("<g class=\"stream\" id=\"stream-\(index + 1)\">")
            svg.text(printable(stream.label), x: 20, y: top + 16, size: 13, weight: "bold")
            timelinePanel(stream.timeline, into: &svg, frame: ChartFrame(left: 70, top: top + 40, width: 380, height: 230))
            delayCurvePanel(stream, into: &svg, frame: ChartFrame(left: 580, top: top + 40, width: 380, height: 230))
            svg.raw("</g>")
        }
        svg.raw("</svg>")
        return svg.output + "\n"
    }

    /// Panel 1: transit band, jitter line and loss marks over capture time.
    static func timelinePanel(_ timeline: StreamTimeline, into svg: inout SVGBuilder, frame: ChartFrame) {
        let points = timeline.points
        let origin = min(points.first?.startNanoseconds ?? 0, timeline.losses.first?.startNanoseconds ?? .max)
        let seconds = { (time: Int64) in Double(time &- origin) / 1e9 }
        let lastTime = max(points.last?.endNanoseconds ?? origin, timeline.losses.last?.endNanoseconds ?? origin)
        let xMax = ComparisonChart.axisMaximum(seconds(lastTime))
        let highest = points.map { max($0.transitMaximumMilliseconds, $0.jitterMaximumMilliseconds) }.max() ?? 1
        let yMax = ComparisonChart.axisMaximum(highest * 1.05)
        let axes = ChartAxes(frame: frame, xMin: 0, xMax: xMax, yMin: 0, yMax: yMax, yLog: false)
        axes.draw(
            into: &svg, xLabel: "capture time (s)", yLabel: "ms", title: "Delay (transit) and jitter",
            xTicks: ComparisonChart.linearTicks(0, xMax),
            yTicks: ComparisonChart.linearTicks(0, yMax).map { ($0, ComparisonChart.tickText($0)) })
        if points.isEmpty { svg.text("no packets", x: frame.left + 10, y: frame.top + 20, size: 12) }
        if points.count > 1 {
            let upper = points.map { axes.point(x: seconds($0.startNanoseconds), y: $0.transitMaximumMilliseconds) }
            let lower = points.reversed().map { axes.point(x: seconds($0.startNanoseconds), y: $0.transitMinimumMilliseconds) }
            let outline = (upper + lower).map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
            svg.raw("<polygon class=\"transit-band\" fill=\"\(transitBandColour)\" stroke=\"none\" points=\"\(outline)\"/>")
        }
        if !points.isEmpty {
            svg.polyline(
                points.map { axes.point(x: seconds($0.startNanoseconds), y: $0.transitMaximumMilliseconds) },
                colour: transitColour, id: "transit")
            svg.polyline(
                points.map { axes.point(x: seconds($0.startNanoseconds), y: $0.jitterMaximumMilliseconds) },
                colour: jitterColour, id: "jitter")
        }
        let bottom = frame.top + frame.height
        for mark in timeline.losses {
            let x = axes.point(x: seconds(mark.startNanoseconds), y: 0).x
            // 6 units for a single packet, up to a third of the panel for long bursts.
            let length = min(frame.height / 3, 6 * (1 + log2(Double(mark.packets))))
            let title = "\(mark.packets) packet\(mark.packets == 1 ? "" : "s") lost in \(mark.runs) run\(mark.runs == 1 ? "" : "s")"
            svg.raw("<line class=\"loss\" x1=\"\(n(x))\" y1=\"\(n(bottom))\" x2=\"\(n(x))\" y2=\"\(n(bottom - length))\" stroke=\"\(lossColour)\" stroke-width=\"1.5\"><title>\(CompareFormat.xmlEscaped(title))</title></line>")
        }
        axes.legend([("delay", transitColour), ("jitter", jitterColour), ("lost", lossColour)], into: &svg)
    }

    /// Panel 2: the hindsight-optimal fixed-delay curve and each buffer's point.
    static func delayCurvePanel(_ stream: AnalysisChartStream, into svg: inout SVGBuilder, frame: ChartFrame) {
        let curve = stream.delayCurve
        let delays = curve.map(\.delayMilliseconds) + stream.results.map(\.meanPlayoutDelayMilliseconds)
        let xMax = ComparisonChart.axisMaximum((delays.filter(\.isFinite).max() ?? 1) * 1.05)
        let axes = ChartAxes(frame: frame, xMin: 0, xMax: xMax, yMin: lateLossFloorPercent, yMax: 100, yLog: true)
        let yTicks: [(Double, String)] = [(0.01, "≤0.01"), (0.1, "0.1"), (1, "1"), (10, "10"), (100, "100")]
        axes.draw(
            into: &svg, xLabel: "playout delay above fastest packet (ms)", yLabel: "late loss (% of received, log)",
            title: "Late loss against playout delay", xTicks: ComparisonChart.linearTicks(0, xMax), yTicks: yTicks)
        if curve.isEmpty { svg.text("no packets", x: frame.left + 10, y: frame.top + 20, size: 12) }
        if !curve.isEmpty {
            svg.polyline(
                curve.map { axes.point(x: $0.delayMilliseconds, y: max($0.lateLossPercent, lateLossFloorPercent)) },
                colour: curveColour, id: "delay-curve")
        }
        for (index, result) in stream.results.enumerated() {
            let colour = policyColours[index % policyColours.count]
            let at = axes.point(
                x: result.meanPlayoutDelayMilliseconds.isFinite ? result.meanPlayoutDelayMilliseconds : 0,
                y: max(result.lateLossPercent.isFinite ? result.lateLossPercent : 0, lateLossFloorPercent))
            let title = "\(result.name): mean playout delay \(CompareFormat.fixed(result.meanPlayoutDelayMilliseconds, 1)) ms, late loss \(CompareFormat.fixed(result.lateLossPercent, 2)) %"
            svg.raw("<circle class=\"policy\" cx=\"\(n(at.x))\" cy=\"\(n(at.y))\" r=\"4\" fill=\"\(colour)\"><title>\(CompareFormat.xmlEscaped(title))</title></circle>")
            svg.text(result.name, x: at.x + 6, y: at.y - 6 - 12 * Double(index % 2), size: 11)
        }
        axes.legend([("fixed", curveColour)], into: &svg)
    }

    static func n(_ value: Double) -> String { ComparisonChart.n(value) }

    /// `text` with the control characters XML 1.0 cannot carry even escaped (all below U+0020
    /// but tab, line feed and carriage return) replaced by U+FFFD.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" ? "\u{FFFD}" : $0
        }))
    }
}
