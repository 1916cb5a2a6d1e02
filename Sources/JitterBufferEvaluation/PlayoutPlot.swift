import JitterbugSupport

/// One SVG per trace: the network's one-way delay of each frame (grey dots, the largest per
/// 100 ms) and each algorithm's delivered playout delay (playout start − send time, one line per
/// algorithm, the mean per 100 ms), over time; below, the hindsight-optimal fixed delay curve
/// with each algorithm's (late loss, mean delay) point (``curvePanel(_:)``). Self-contained: no
/// scripts, fonts or links.
package enum PlayoutPlot {
    static let width = 1_000.0
    /// Height of the delay-over-time panel; the curve panel is below it.
    static let height = 420.0
    /// Height of the whole document.
    static let documentHeight = 720.0
    static let left = 60.0
    static let right = 190.0
    static let top = 30.0
    static let bottom = 40.0
    static let colours = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
    /// Frames per plotted point (100 ms).
    static let framesPerPoint = 5

    /// The SVG document for `evaluation`.
    package static func svg(_ evaluation: TraceEvaluation) -> String {
        let trace = evaluation.trace
        let durationSeconds = max(1, trace.sendMilliseconds(trace.count) / 1_000)
        var maximumDelay = 50.0
        for k in 0..<trace.count where !trace.lost[k] { maximumDelay = max(maximumDelay, trace.delayMilliseconds[k]) }
        for record in evaluation.records {
            for k in 0..<trace.count { if let playout = record.playoutMilliseconds[k] { maximumDelay = max(maximumDelay, playout - trace.sendMilliseconds(k)) } }
        }
        maximumDelay = (maximumDelay / 50).rounded(.up) * 50
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ seconds: Double) -> String { number(left + seconds / durationSeconds * plotWidth) }
        func y(_ milliseconds: Double) -> String { number(top + plotHeight * (1 - min(milliseconds, maximumDelay) / maximumDelay)) }

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(documentHeight))\" viewBox=\"0 0 \(Int(width)) \(Int(documentHeight))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        out += "<title>\(escape(trace.name)): delay and playout delay over time</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(documentHeight))\" fill=\"#ffffff\"/>\n"
        out += "<text x=\"\(number(left))\" y=\"18\" font-size=\"13\">\(escape(trace.name)): one-way delay (grey) and delivered playout delay, ms</text>\n"
        // Axes and grid.
        let yStep = maximumDelay <= 200 ? 25.0 : maximumDelay <= 500 ? 50.0 : 100.0
        var tick = 0.0
        while tick <= maximumDelay + 1e-9 {
            out += "<line x1=\"\(number(left))\" y1=\"\(y(tick))\" x2=\"\(number(left + plotWidth))\" y2=\"\(y(tick))\" stroke=\"#e0e0e0\"/>\n"
            out += "<text x=\"\(number(left - 6))\" y=\"\(y(tick))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(Int(tick))</text>\n"
            tick += yStep
        }
        let xStep = durationSeconds <= 60 ? 10.0 : 30.0
        var second = 0.0
        while second <= durationSeconds + 1e-9 {
            out += "<text x=\"\(x(second))\" y=\"\(number(top + plotHeight + 16))\" text-anchor=\"middle\">\(Int(second)) s</text>\n"
            second += xStep
        }
        out += "<rect x=\"\(number(left))\" y=\"\(number(top))\" width=\"\(number(plotWidth))\" height=\"\(number(plotHeight))\" fill=\"none\" stroke=\"#888888\"/>\n"
        // Network delay: the largest per 100 ms.
        var dots = ""
        for start in stride(from: 0, to: trace.count, by: framesPerPoint) {
            let frames = (start..<min(trace.count, start + framesPerPoint)).filter { !trace.lost[$0] }
            guard let worst = frames.map({ trace.delayMilliseconds[$0] }).max() else { continue }
            dots += "M\(x(trace.sendMilliseconds(start) / 1_000)) \(y(worst))h0.1"
        }
        out += "<path d=\"\(dots)\" stroke=\"#9e9e9e\" stroke-width=\"2\" stroke-linecap=\"round\" fill=\"none\"/>\n"
        // Each algorithm's delivered playout delay: the mean per 100 ms.
        for (index, record) in evaluation.records.enumerated() {
            var path = ""
            for start in stride(from: 0, to: trace.count, by: framesPerPoint) {
                var sum = 0.0
                var played = 0
                for k in start..<min(trace.count, start + framesPerPoint) {
                    if let playout = record.playoutMilliseconds[k] {
                        sum += playout - trace.sendMilliseconds(k)
                        played += 1
                    }
                }
                guard played > 0 else { continue }
                path += "\(path.isEmpty ? "M" : "L")\(x(trace.sendMilliseconds(start) / 1_000)) \(y(sum / Double(played)))"
            }
            let colour = colours[index % colours.count]
            if !path.isEmpty {
                out += "<path d=\"\(path)\" stroke=\"\(colour)\" stroke-width=\"1.2\" fill=\"none\"><title>\(escape(record.name))</title></path>\n"
            }
            let legendY = top + 14 + Double(index) * 18
            out += "<line x1=\"\(number(width - right + 12))\" y1=\"\(number(legendY))\" x2=\"\(number(width - right + 32))\" y2=\"\(number(legendY))\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            out += "<text x=\"\(number(width - right + 38))\" y=\"\(number(legendY))\" dominant-baseline=\"middle\">\(escape(record.name))</text>\n"
        }
        let legendY = top + 14 + Double(evaluation.records.count) * 18
        out += "<circle cx=\"\(number(width - right + 22))\" cy=\"\(number(legendY))\" r=\"2\" fill=\"#9e9e9e\"/>\n"
        out += "<text x=\"\(number(width - right + 38))\" y=\"\(number(legendY))\" dominant-baseline=\"middle\">one-way delay</text>\n"
        out += curvePanel(evaluation)
        out += "</svg>\n"
        return out
    }

    /// A file name for `trace` (letters, digits and dashes).
    package static func fileName(_ trace: Trace) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789")
        let characters = Array(trace.name.lowercased())
        var name = ""
        for (index, character) in characters.enumerated() {
            let beforeDigit = index + 1 < characters.count && characters[index + 1].isNumber
            if allowed.contains(character) {
                name.append(character)
            } else if beforeDigit, character == "+" || character == "-" || character == "±" {
                // Signs matter (drift +500 / -500 ppm): spelled out.
                name += character == "+" ? "plus" : character == "-" ? "minus" : "pm"
            } else if name.last != "-" {
                name.append("-")
            }
        }
        while name.hasSuffix("-") { name.removeLast() }
        return (name.isEmpty ? "trace" : name) + ".svg"
    }

    static func number(_ value: Double) -> String { value.formatted(decimals: 1) }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
