import Foundation

extension PlayoutPlot {
    /// Top of the curve panel's plot area, px.
    static let curveTop = 470.0
    /// Height of the curve panel's plot area, px.
    static let curveHeight = 210.0
    /// Late loss axis: log scale from 0.01 % to 100 % (0 % drawn at 0.01 %).
    static let lossDecades = (low: -2.0, high: 2.0)

    /// The hindsight-optimal fixed delay against late loss (grey line: the least delay for each
    /// late loss after the first second) and each algorithm's point (late loss after the first
    /// second, mean delivered delay): a point on the line is optimal at its late loss, above it
    /// costs delay.
    static func curvePanel(_ evaluation: TraceEvaluation) -> String {
        let points = evaluation.curve.points(maximumPoints: 400)
        var maximumDelay = 50.0
        if let worst = evaluation.curve.descendingDelaysMilliseconds.first { maximumDelay = max(maximumDelay, worst) }
        for score in evaluation.scores { maximumDelay = max(maximumDelay, score.meanDelayMilliseconds) }
        maximumDelay = (maximumDelay / 50).rounded(.up) * 50
        let plotWidth = width - left - right
        func x(_ percent: Double) -> Double {
            let decade = log10(min(max(percent, 0.01), 100))
            return left + (decade - lossDecades.low) / (lossDecades.high - lossDecades.low) * plotWidth
        }
        func y(_ milliseconds: Double) -> Double { curveTop + curveHeight * (1 - min(milliseconds, maximumDelay) / maximumDelay) }

        var out = "<text x=\"\(number(left))\" y=\"\(number(curveTop - 12))\" font-size=\"13\">"
        out += "Hindsight-optimal fixed delay (grey) and each algorithm's mean delay against late loss after 1 s</text>\n"
        for percent in [0.01, 0.1, 1, 10, 100] {
            out += "<line x1=\"\(number(x(percent)))\" y1=\"\(number(curveTop))\" x2=\"\(number(x(percent)))\" y2=\"\(number(curveTop + curveHeight))\" stroke=\"#e0e0e0\"/>\n"
            let label = percent == 0.01 ? "≤ 0.01 %" : "\(percent < 1 ? percent.formatted(decimals: percent < 0.1 ? 2 : 1) : percent.formatted(decimals: 0)) %"
            out += "<text x=\"\(number(x(percent)))\" y=\"\(number(curveTop + curveHeight + 16))\" text-anchor=\"middle\">\(label)</text>\n"
        }
        let step = maximumDelay <= 200 ? 50.0 : maximumDelay <= 500 ? 100.0 : 200.0
        var tick = 0.0
        while tick <= maximumDelay + 1e-9 {
            out += "<line x1=\"\(number(left))\" y1=\"\(number(y(tick)))\" x2=\"\(number(left + plotWidth))\" y2=\"\(number(y(tick)))\" stroke=\"#e0e0e0\"/>\n"
            out += "<text x=\"\(number(left - 6))\" y=\"\(number(y(tick)))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(Int(tick))</text>\n"
            tick += step
        }
        out += "<rect x=\"\(number(left))\" y=\"\(number(curveTop))\" width=\"\(number(plotWidth))\" height=\"\(number(curveHeight))\" fill=\"none\" stroke=\"#888888\"/>\n"
        // The curve is a staircase: delay D holds until the next larger delay lowers the loss.
        var path = ""
        for point in points {
            path += "\(path.isEmpty ? "M" : "L")\(number(x(point.lateLossPercent))) \(number(y(point.delayMilliseconds)))"
        }
        if !path.isEmpty {
            out += "<path d=\"\(path)\" stroke=\"#9e9e9e\" stroke-width=\"2\" fill=\"none\"><title>hindsight-optimal fixed delay</title></path>\n"
        }
        for (index, score) in evaluation.scores.enumerated() {
            let colour = colours[index % colours.count]
            let title = "\(score.name): \(score.lateLossPercent.formatted(decimals: 2)) % late, \(score.meanDelayMilliseconds.formatted(decimals: 1)) ms"
            out += "<circle cx=\"\(number(x(score.lateLossPercent)))\" cy=\"\(number(y(score.meanDelayMilliseconds)))\" r=\"4\" fill=\"\(colour)\" stroke=\"#ffffff\"><title>\(escape(title))</title></circle>\n"
        }
        return out
    }
}
