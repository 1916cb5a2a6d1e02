import JitterbugSupport

/// Markdown tables of evaluations.
package enum EvaluationTable {
    /// One row per trace, one column per algorithm; each cell is "ratio to the optimum at equal
    /// late loss · late loss % after the first second · late frames in the first second".
    package static func summary(_ evaluations: [TraceEvaluation]) -> String {
        guard let first = evaluations.first else { return "" }
        let names = first.scores.map(\.name)
        var lines = ["| trace | " + names.joined(separator: " | ") + " |"]
        lines.append("|---|" + String(repeating: "---|", count: names.count))
        for evaluation in evaluations {
            let cells = evaluation.scores.map { score in
                "\(ratio(score)) · \(format(score.lateLossPercent, 2)) % · \(score.firstSecondLateFrames)"
            }
            lines.append("| \(evaluation.trace.name) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per trace and algorithm with every figure.
    package static func detail(_ evaluations: [TraceEvaluation]) -> String {
        var lines = [
            "| trace | algorithm | mean delay ms | late % (≥ 1 s) | late frames | optimum at that loss ms | ratio | first-second late | discarded | underrun expand ms |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for evaluation in evaluations {
            for score in evaluation.scores {
                lines.append(
                    "| \(evaluation.trace.name) | \(score.name) | \(format(score.meanDelayMilliseconds, 1)) | "
                        + "\(format(score.lateLossPercent, 2)) | \(score.lateFrames) / \(score.deliveredFrames) | "
                        + "\(format(score.optimumDelayMilliseconds, 1)) | \(ratio(score)) | \(score.firstSecondLateFrames) | "
                        + "\(score.discardedFrames) | \(format(score.underrunExpandMilliseconds, 0)) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The hindsight-optimal fixed delay curve of each trace at a few late losses: the least
    /// delay (send to playout, ms) that keeps late loss after the first second at or under each.
    package static func curves(_ evaluations: [TraceEvaluation], lateLossPercents: [Double] = [0, 0.1, 0.5, 1, 2, 5]) -> String {
        let header = lateLossPercents.map { "\($0.formatted(decimals: 1)) %" }
        var lines = ["| trace | " + header.joined(separator: " | ") + " |"]
        lines.append("|---|" + String(repeating: "---|", count: header.count))
        for evaluation in evaluations {
            let cells = lateLossPercents.map { format(evaluation.curve.delayMilliseconds(lateLossPercent: $0), 1) }
            lines.append("| \(evaluation.trace.name) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func ratio(_ score: AlgorithmScore) -> String {
        score.ratioToOptimum.map { format($0, 2) } ?? "–"
    }

    private static func format(_ value: Double, _ digits: Int) -> String { value.formatted(decimals: digits) }
}
