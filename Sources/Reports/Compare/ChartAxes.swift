import Foundation

/// The plot rectangle of one chart panel, in SVG user units.
package struct ChartFrame {
    package var left: Double
    package var top: Double
    package var width: Double
    package var height: Double

    package init(left: Double, top: Double, width: Double, height: Double) {
        self.left = left
        self.top = top
        self.width = width
        self.height = height
    }
}

/// Maps axis values into a panel and draws the frame, ticks, labels and legend.
package struct ChartAxes {
    package var frame: ChartFrame
    package var xMin: Double
    package var xMax: Double
    package var yMin: Double
    package var yMax: Double
    /// Logarithmic y axis (yMin must be > 0).
    package var yLog: Bool

    package init(frame: ChartFrame, xMin: Double, xMax: Double, yMin: Double, yMax: Double, yLog: Bool) {
        self.frame = frame
        self.xMin = xMin
        self.xMax = xMax
        self.yMin = yMin
        self.yMax = yMax
        self.yLog = yLog
    }

    package func point(x: Double, y: Double) -> ChartPoint {
        let xFraction = xMax > xMin ? (x - xMin) / (xMax - xMin) : 0
        let yFraction: Double
        if yLog {
            yFraction = (log10(max(y, yMin)) - log10(yMin)) / (log10(yMax) - log10(yMin))
        } else {
            yFraction = yMax > yMin ? (y - yMin) / (yMax - yMin) : 0
        }
        let clampedX = min(max(xFraction, 0), 1)
        let clampedY = min(max(yFraction, 0), 1)
        return ChartPoint(x: frame.left + clampedX * frame.width, y: frame.top + (1 - clampedY) * frame.height)
    }

    package func draw(
        into svg: inout SVGBuilder, xLabel: String, yLabel: String, title: String,
        xTicks: [Double], yTicks: [(Double, String)]
    ) {
        let f = frame
        let bottom = f.top + f.height
        svg.text(title, x: f.left, y: f.top - 8, size: 12, weight: "bold")
        svg.raw("<rect x=\"\(n(f.left))\" y=\"\(n(f.top))\" width=\"\(n(f.width))\" height=\"\(n(f.height))\" fill=\"none\" stroke=\"#333333\"/>")
        for tick in xTicks {
            let x = point(x: tick, y: yMin).x
            svg.raw("<line x1=\"\(n(x))\" y1=\"\(n(bottom))\" x2=\"\(n(x))\" y2=\"\(n(bottom + 5))\" stroke=\"#333333\"/>")
            svg.text(ComparisonChart.tickText(tick), x: x, y: bottom + 18, size: 11, anchor: "middle")
        }
        for (value, label) in yTicks {
            let y = point(x: xMin, y: value).y
            svg.raw("<line x1=\"\(n(f.left - 5))\" y1=\"\(n(y))\" x2=\"\(n(f.left + f.width))\" y2=\"\(n(y))\" stroke=\"#dddddd\"/>")
            svg.text(label, x: f.left - 8, y: y + 4, size: 11, anchor: "end")
        }
        svg.text(xLabel, x: f.left + f.width / 2, y: bottom + 36, size: 12, anchor: "middle")
        let labelX = f.left - 48
        let labelY = f.top + f.height / 2
        svg.raw("<text x=\"\(n(labelX))\" y=\"\(n(labelY))\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 \(n(labelX)) \(n(labelY)))\">\(CompareFormat.xmlEscaped(yLabel))</text>")
    }

    package func legend(_ entries: [(name: String, colour: String)], into svg: inout SVGBuilder) {
        // Above the plot, right-aligned on the title line, so no data can hide it.
        for (index, entry) in entries.enumerated() {
            let y = frame.top - 8
            let x = frame.left + frame.width - 56 * Double(entries.count - index)
            svg.raw("<line x1=\"\(n(x))\" y1=\"\(n(y - 4))\" x2=\"\(n(x + 18))\" y2=\"\(n(y - 4))\" stroke=\"\(entry.colour)\" stroke-width=\"2\"/>")
            svg.text(entry.name, x: x + 24, y: y, size: 11)
        }
    }

    private func n(_ value: Double) -> String { ComparisonChart.n(value) }
}

/// Accumulates SVG markup; every text goes through XML escaping.
package struct SVGBuilder {
    package private(set) var output = ""

    package init() {}

    package mutating func raw(_ markup: String) {
        output += markup + "\n"
    }

    package mutating func text(_ content: String, x: Double, y: Double, size: Double, weight: String? = nil, anchor: String? = nil) {
        var attributes = "x=\"\(ComparisonChart.n(x))\" y=\"\(ComparisonChart.n(y))\" font-size=\"\(ComparisonChart.n(size))\""
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let anchor { attributes += " text-anchor=\"\(anchor)\"" }
        raw("<text \(attributes)>\(CompareFormat.xmlEscaped(content))</text>")
    }

    package mutating func polyline(_ points: [ChartPoint], colour: String, id: String) {
        let list = points.map { "\(ComparisonChart.n($0.x)),\(ComparisonChart.n($0.y))" }.joined(separator: " ")
        raw("<polyline class=\"\(id)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" stroke-linejoin=\"round\" points=\"\(list)\"/>")
    }
}
