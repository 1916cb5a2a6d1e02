import Impairment

/// Runs `count` packets of `sizeBytes` spaced `interval` apart through an engine for `spec`.
func runEngine(
    _ spec: String, seed: UInt64 = 1, count: Int, interval: Duration = .milliseconds(1),
    sizeBytes: Int = 160, direction: ImpairmentDirection = .up
) throws -> [ImpairmentDecision] {
    var engine = ImpairmentEngine(spec: try ImpairmentSpec(parsing: spec), direction: direction, seedOverride: seed)
    var decisions: [ImpairmentDecision] = []
    decisions.reserveCapacity(count)
    for i in 0..<count {
        decisions.append(engine.process(sendTime: interval * i, sizeBytes: sizeBytes))
    }
    return decisions
}

/// Lengths of maximal runs of consecutive dropped packets.
func lossBurstLengths(_ decisions: [ImpairmentDecision]) -> [Int] {
    var bursts: [Int] = []
    var run = 0
    for decision in decisions {
        if decision.isDropped {
            run += 1
        } else if run > 0 {
            bursts.append(run)
            run = 0
        }
    }
    if run > 0 { bursts.append(run) }
    return bursts
}

/// Delay of every delivered copy in milliseconds (as a double, for statistics only).
func delaysMilliseconds(_ decisions: [ImpairmentDecision]) -> [Double] {
    decisions.flatMap { decision in
        decision.deliveries.map { delivery in
            let (seconds, attoseconds) = (delivery.deliverAt - decision.sendTime).components
            return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
        }
    }
}

func mean(_ values: [Double]) -> Double {
    values.reduce(0, +) / Double(values.count)
}

func standardDeviation(_ values: [Double]) -> Double {
    let m = mean(values)
    let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)
    return variance.squareRoot()
}

/// |measured - expected| / expected.
func relativeError(_ measured: Double, _ expected: Double) -> Double {
    abs(measured - expected) / expected
}
