extension RTPReceptionStatistics {
    /// Cumulative totals for `IntervalCounter`.
    ///
    /// `packets` and `payloadBytes` count unique packets since creation; `expected` and `lost`
    /// are for the current sequence epoch (they restart with the sender, which IntervalCounter
    /// detects).
    public var intervalTotals: IntervalCounter.Totals {
        IntervalCounter.Totals(
            packets: uniquePackets,
            payloadBytes: payloadBytes,
            expected: expectedPackets,
            lost: lostExcludingDuplicates
        )
    }
}
