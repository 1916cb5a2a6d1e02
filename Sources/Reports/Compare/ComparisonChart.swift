import Foundation

/// Self-contained SVG of a comparison (no scripts, fonts or links; opens in any browser): per
/// block, panel 1 = one-way latency (ms) over stream time (s) for both paths, panel 2 = late loss
/// (%, log axis) against playout delay (ms) for both paths with the 1 % line.
public enum ComparisonChart {
    /// Most points one latency polyline may hold (longer runs keep each bucket's min and max).
    public static let maximumPolylinePoints = 2000
    static let udpColour = "#1f77b4"
    static let tcpColour = "#d62728"
    static let width = 1000.0
    static let headerHeight = 64.0
    static let blockHeight = 340.0
    /// Log axis floor of panel 2: 0 % late loss is drawn at this value.
    static let lateLossFloorPercent = 0.01

    /// The SVG document of `report`, one row of two panels per block; `phases[i]` (when
    /// known) shades block i's latency panel where an impairment phase or blackhole was in force.
    public static func svg(_ report: ComparisonReport, phases: [[ChartPhase]] = []) -> String {
        let height = headerHeight + blockHeight * Double(max(report.blocks.count, 1))
        var svg = SVGBuilder()
        svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" font-family=\"sans-serif\" font-size=\"12\">")
        svg.raw("<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>")
        svg.text("jitterbug compare: UDP vs TCP", x: 20, y: 24, size: 16, weight: "bold")
        svg.text("Same stream, schedule and seeded impairment over both paths; latency is one-way, loss is % of packets sent.", x: 20, y: 46, size: 12)
        for (index, block) in report.blocks.enumerated() {
            let top = headerHeight + blockHeight * Double(index)
            svg.text("\(block.label): playout delay \(CompareFormat.fixed(block.playoutDelayMilliseconds, 0)) ms", x: 20, y: top + 16, size: 13, weight: "bold")
            // The measurement labels on every block: a chart never passes a model off as a measurement.
            svg.text("measured: UDP = \(block.udp.measurement); TCP = \(block.tcp.measurement)", x: 330, y: top + 16, size: 12)
            latencyPanel(
                block, phases: index < phases.count ? phases[index] : [], into: &svg,
                frame: ChartFrame(left: 70, top: top + 40, width: 380, height: 230))
            lateLossPanel(block, into: &svg, frame: ChartFrame(left: 580, top: top + 40, width: 380, height: 230))
        }
        svg.raw("</svg>")
        return svg.output + "\n"
    }

    /// Panel 1: latency over time, one polyline per path that has per-packet records.
    static func latencyPanel(_ block: ComparisonBlock, phases: [ChartPhase] = [], into svg: inout SVGBuilder, frame: ChartFrame) {
        // TCP first so the (usually lower, denser) UDP line is drawn on top of it.
        let series = [(block.tcpMeasurement, tcpColour, "tcp", "TCP"), (block.udpMeasurement, udpColour, "udp", "UDP")]
            .map { (points: $0.0.map(latencyPoints) ?? [], colour: $0.1, id: $0.2, name: $0.3) }
        let all = series.flatMap(\.points)
        let xMax = axisMaximum(all.map(\.x).max() ?? 1)
        // 5 % headroom so the highest spike does not run along the frame.
        let yMax = axisMaximum((all.map(\.y).max() ?? 1) * 1.05)
        let axes = ChartAxes(frame: frame, xMin: 0, xMax: xMax, yMin: 0, yMax: yMax, yLog: false)
        axes.draw(into: &svg, xLabel: "stream time (s)", yLabel: "one-way latency (ms)", title: "Latency over time",
                  xTicks: linearTicks(0, xMax), yTicks: linearTicks(0, yMax).map { ($0, tickText($0)) })
        axes.drawPhases(phases, into: &svg)
        if all.isEmpty { svg.text("no per-packet records kept", x: frame.left + 10, y: frame.top + 20, size: 12) }
        for line in series where !line.points.isEmpty {
            svg.polyline(downsampled(line.points).map { axes.point(x: $0.x, y: $0.y) }, colour: line.colour, id: line.id)
        }
        axes.legend(series.reversed().map { ($0.name, $0.colour) }, into: &svg)
    }

    /// Panel 2: late loss against playout delay, with the 1 % target line.
    static func lateLossPanel(_ block: ComparisonBlock, into svg: inout SVGBuilder, frame: ChartFrame) {
        let series = [(block.udp, udpColour, "udp", "UDP"), (block.tcp, tcpColour, "tcp", "TCP")]
        let delays = series.flatMap { $0.0.deadlineSweep.map(\.delayMilliseconds) }
        let xMin = delays.min() ?? DeadlineSweep.defaultFromMilliseconds
        let xMax = max(delays.max() ?? DeadlineSweep.defaultToMilliseconds, xMin + 1)
        let axes = ChartAxes(frame: frame, xMin: xMin, xMax: xMax, yMin: lateLossFloorPercent, yMax: 100, yLog: true)
        let yTicks: [(Double, String)] = [(0.01, "≤0.01"), (0.1, "0.1"), (1, "1"), (10, "10"), (100, "100")]
        axes.draw(into: &svg, xLabel: "playout delay above fastest packet (ms)", yLabel: "late loss (% of sent, log)",
                  title: "Late loss against playout delay", xTicks: linearTicks(xMin, xMax), yTicks: yTicks)
        let target = axes.point(x: xMin, y: PathAnalysis.lateLossTargetPercent)
        let targetEnd = axes.point(x: xMax, y: PathAnalysis.lateLossTargetPercent)
        svg.raw("<line x1=\"\(n(target.x))\" y1=\"\(n(target.y))\" x2=\"\(n(targetEnd.x))\" y2=\"\(n(targetEnd.y))\" stroke=\"#555555\" stroke-dasharray=\"5,4\"/>")
        svg.text("1% target", x: targetEnd.x - 56, y: target.y - 4, size: 11)
        if block.playoutDelayMilliseconds >= xMin, block.playoutDelayMilliseconds <= xMax {
            let top = axes.point(x: block.playoutDelayMilliseconds, y: 100)
            let bottom = axes.point(x: block.playoutDelayMilliseconds, y: lateLossFloorPercent)
            svg.raw("<line x1=\"\(n(top.x))\" y1=\"\(n(top.y))\" x2=\"\(n(bottom.x))\" y2=\"\(n(bottom.y))\" stroke=\"#888888\" stroke-dasharray=\"2,3\"/>")
            svg.text("D = \(CompareFormat.fixed(block.playoutDelayMilliseconds, 0)) ms", x: top.x + 4, y: top.y + 28, size: 11)
        }
        for (analysis, colour, id, _) in series where !analysis.deadlineSweep.isEmpty {
            let points = analysis.deadlineSweep.map {
                axes.point(x: $0.delayMilliseconds, y: max($0.lateLossPercent, lateLossFloorPercent))
            }
            svg.polyline(points, colour: colour, id: id)
        }
        axes.legend(series.map { ($0.3, $0.1) }, into: &svg)
    }

    /// (stream time s, one-way latency ms) of every arrived packet, in send order.
    static func latencyPoints(_ measurement: PathMeasurement) -> [ChartPoint] {
        guard let origin = measurement.sendOffsetMicroseconds.min() else { return [] }
        return (0..<measurement.packetsSent)
            .sorted { measurement.sendOffsetMicroseconds[$0] < measurement.sendOffsetMicroseconds[$1] }
            .compactMap { index in
                measurement.oneWayDelayMicroseconds(at: index).map {
                    ChartPoint(x: Double(measurement.sendOffsetMicroseconds[index] - origin) / 1_000_000, y: Double($0) / 1000)
                }
            }
    }

    /// At most `maximumPolylinePoints`: equal buckets, each contributing its lowest and highest
    /// point in time order, so spikes (the point of the chart) survive.
    package static func downsampled(_ points: [ChartPoint]) -> [ChartPoint] {
        guard points.count > maximumPolylinePoints else { return points }
        let buckets = maximumPolylinePoints / 2
        var result: [ChartPoint] = []
        result.reserveCapacity(maximumPolylinePoints)
        for bucket in 0..<buckets {
            let slice = points[(bucket * points.count / buckets)..<((bucket + 1) * points.count / buckets)]
            guard let low = slice.indices.min(by: { points[$0].y < points[$1].y }),
                  let high = slice.indices.max(by: { points[$0].y < points[$1].y }) else { continue }
            result.append(contentsOf: low == high ? [points[low]] : [points[min(low, high)], points[max(low, high)]])
        }
        return result
    }

    /// `value` rounded up to the tick step `linearTicks(0, value)` uses (1 for non-positive or
    /// non-finite input), so the axis ends on a labelled tick without wasting space.
    package static func axisMaximum(_ value: Double) -> Double {
        guard value.isFinite, value > 0 else { return 1 }
        let ticks = linearTicks(0, value)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : value
        return (value / step * (1 - 1e-12)).rounded(.up) * step
    }

    /// About five round ticks from `low` to `high`.
    package static func linearTicks(_ low: Double, _ high: Double) -> [Double] {
        guard high > low else { return [low] }
        let raw = (high - low) / 5
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [Double] = []
        var tick = (low / step).rounded(.up) * step
        while tick <= high + step * 1e-9, ticks.count < 50 {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }

    package static func tickText(_ value: Double) -> String {
        value == value.rounded() ? CompareFormat.fixed(value, 0) : CompareFormat.csvNumber(value)
    }

    /// Coordinates with two decimals.
    package static func n(_ value: Double) -> String { CompareFormat.fixed(value, 2) }
}

/// A data point of a chart, in axis units.
package struct ChartPoint: Equatable {
    package var x: Double
    package var y: Double

    package init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
