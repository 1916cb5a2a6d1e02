/// Every algorithm on one trace: the records, their scores and the optimal curve.
package struct TraceEvaluation: Sendable {
    /// The trace.
    package var trace: Trace
    /// Hindsight-optimal fixed delay curve over the steady-state delivered frames (sent ≥ 1 s).
    package var curve: OptimalDelayCurve
    /// One record per algorithm, in the order asked.
    package var records: [PlayoutRecord]
    /// One score per algorithm, in the order asked.
    package var scores: [AlgorithmScore]

    /// Frames sent before this are "the first second", ms.
    package static let steadyFromMilliseconds = 1_000.0

    /// Replays `trace` through every algorithm and scores each at equal late loss.
    package init(trace: Trace, algorithms: [PlayoutAlgorithm] = PlayoutAlgorithm.all) throws {
        self.trace = trace
        var delays: [Double] = []
        for k in 0..<trace.count where !trace.lost[k] && trace.sendMilliseconds(k) >= Self.steadyFromMilliseconds {
            delays.append(trace.delayMilliseconds[k])
        }
        let curve = OptimalDelayCurve(delaysMilliseconds: delays)
        self.curve = curve
        records = try algorithms.map { try $0.run(trace) }
        scores = records.map { AlgorithmScore(record: $0, trace: trace, curve: curve, steadyFromMilliseconds: Self.steadyFromMilliseconds) }
    }
}
