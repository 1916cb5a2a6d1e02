import JitterbugSupport

extension EvaluationTable {
    /// The synthetic traces drawn from several seeds (`runs[v]` is variant v's evaluations, the
    /// same traces in the same order): per trace and algorithm the median ratio to the optimum
    /// at equal late loss with its range, and how often `ours` has the lowest ratio of all but
    /// `excluded` (its own other modes). One seed's 0.02 is not a difference when seeds move a
    /// ratio by more than that.
    package static func seeds(_ runs: [[TraceEvaluation]], ours: String, excluded: Set<String> = []) -> String {
        guard let first = runs.first, let names = first.first?.scores.map(\.name) else { return "" }
        var lines = [
            "| trace | " + names.joined(separator: " | ") + " | \(ours) lowest (ties) |",
            "|---|" + String(repeating: "---|", count: names.count + 1),
        ]
        for index in first.indices {
            let evaluations = runs.compactMap { $0.indices.contains(index) ? $0[index] : nil }
            let cells = names.indices.map { column -> String in
                let ratios = evaluations.compactMap { $0.scores[column].ratioToOptimum }.sorted()
                guard let low = ratios.first, let high = ratios.last else { return "–" }
                let median = ratios.count % 2 == 1
                    ? ratios[ratios.count / 2] : (ratios[ratios.count / 2 - 1] + ratios[ratios.count / 2]) / 2
                let late = evaluations.map { $0.scores[column].lateLossPercent }.reduce(0, +) / Double(evaluations.count)
                return "\(median.formatted(decimals: 2)) (\(low.formatted(decimals: 2))–\(high.formatted(decimals: 2))) · \(late.formatted(decimals: 2)) %"
            }
            var lowest = 0
            var ties = 0
            for evaluation in evaluations {
                guard let mine = evaluation.scores.first(where: { $0.name == ours })?.ratioToOptimum else { continue }
                let others = evaluation.scores.filter { $0.name != ours && !excluded.contains($0.name) }.compactMap(\.ratioToOptimum)
                // Compared as printed (two decimals): 1.004 and 0.996 are the same figure.
                let rounded = (mine * 100).rounded()
                if others.allSatisfy({ rounded < ($0 * 100).rounded() }) {
                    lowest += 1
                } else if others.allSatisfy({ rounded <= ($0 * 100).rounded() }) {
                    ties += 1
                }
            }
            let name = evaluations.first?.trace.name ?? ""
            lines.append("| \(name) | " + cells.joined(separator: " | ") + " | \(lowest) (\(ties)) of \(evaluations.count) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
