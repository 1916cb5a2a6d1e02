extension RTPReceptionStatistics {
    /// Cumulative totals for `IntervalCounter`, over every epoch (they never go backwards):
    /// distinct packets and their payload bytes, expected, and lost (distinct never received).
    public var intervalTotals: IntervalCounter.Totals {
        IntervalCounter.Totals(
            packets: uniquePackets,
            payloadBytes: payloadBytes,
            expected: totalExpectedPackets,
            lost: lostPackets
        )
    }
}
