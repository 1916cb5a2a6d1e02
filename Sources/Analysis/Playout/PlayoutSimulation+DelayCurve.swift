extension PlayoutSimulation {
    /// Most points of ``delayCurve``.
    public static let delayCurveMaximumPoints = 200

    /// The hindsight-optimal fixed delay curve: late loss % (of received packets) at each playout
    /// delay above the fastest packet, from 0 to the slowest packet in whole-ms steps the curve
    /// chooses (at most 200 points; the last has 0 % late loss).
    ///
    /// Resolution 1 ms: each received packet's transit (`arrival − media time`, see the type) is
    /// put on a 1 ms grid anchored at the first packet's transit; a packet is late at delay `d`
    /// when its grid bucket is more than `d` buckets above the fastest packet's. Transit is *not*
    /// corrected for clock drift between the sender and the capture: the curve is what a fixed
    /// buffer (which has no drift compensation either) would have met, consistent with the fixed
    /// policies; a drift of 100 ppm over a 5-minute call widens it by 30 ms, which the analyzer's
    /// clock-drift figure explains. (Removing a fitted line would need two passes or storing
    /// every arrival.) Transits more than 10 s above the first are counted at 10 s.
    public var delayCurve: [PlayoutDelayPoint] {
        let above = transit.countsAbove()
        guard let last = above.last, let lowest = above.first?.bucket else { return [] }
        let span = last.bucket - lowest
        let step = max(1, (span + Self.delayCurveMaximumPoints - 3) / (Self.delayCurveMaximumPoints - 2))
        var delays = Array(stride(from: 0, through: span, by: step))
        if delays.last != span { delays.append(span) }
        let total = Double(transit.total)
        return delays.map { delay in
            PlayoutDelayPoint(delayMilliseconds: Double(delay), lateLossPercent: 100 * Double(above[delay].above) / total)
        }
    }

    /// The smallest fixed delay (whole ms above the fastest packet, on the curve's 1 ms grid)
    /// that keeps late loss at or under `lateLossPercent`; nil before any packet.
    public func delayNeeded(forLateLossPercent lateLossPercent: Double) -> Double? {
        let total = Double(transit.total)
        for (delay, entry) in transit.countsAbove().enumerated() where 100 * Double(entry.above) / total <= lateLossPercent {
            return Double(delay)
        }
        return nil
    }
}
