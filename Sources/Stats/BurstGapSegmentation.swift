/// Exact burst/gap segmentation of a loss sequence per the RFC 3611 §4.7.2 definitions,
/// complementing the approximate Appendix A.2 transition counting.
///
/// A burst is the longest run that starts and ends with a lost/discarded packet and holds no
/// Gmin or more consecutive received packets, and has at least two losses; a lone loss with
/// Gmin received packets on each side is an isolated loss inside a gap (A.2's state 4).
/// Everything outside bursts is gap. A loss episode still open at query time is closed as if the
/// report were taken now (§4.7.2 gap case (b)).
public struct BurstGapSegmentation: Sendable, Equatable {
    /// Gmin (≥ 1).
    public let minimumGapPackets: Int

    /// Completed bursts.
    public private(set) var burstCount: UInt64 = 0
    /// Packets (received + lost) inside completed bursts.
    public private(set) var burstPackets: UInt64 = 0
    /// Lost or discarded packets inside completed bursts.
    public private(set) var burstLosses: UInt64 = 0
    /// Gap periods (maximal stretches outside bursts).
    public private(set) var gapCount: UInt64 = 0
    /// Packets (received + isolated losses) inside gaps.
    public private(set) var gapPackets: UInt64 = 0
    /// Isolated lost or discarded packets inside gaps.
    public private(set) var gapLosses: UInt64 = 0

    private var receivedSinceLoss: UInt64 = 0
    private var episodeIsOpen = false
    private var episodeLosses: UInt64 = 0
    private var episodePackets: UInt64 = 0
    private var lastSegmentWasGap = false

    public init(minimumGapPackets: Int = 16) {
        self.minimumGapPackets = max(1, minimumGapPackets)
    }

    /// Feeds the next sequence number's fate.
    public mutating func record(isLoss: Bool) {
        guard isLoss else {
            receivedSinceLoss += 1
            return
        }
        if !episodeIsOpen {
            addGap(packets: receivedSinceLoss, losses: 0)
            openEpisode()
        } else if receivedSinceLoss >= UInt64(minimumGapPackets) {
            closeEpisode()
            addGap(packets: receivedSinceLoss, losses: 0)
            openEpisode()
        } else {
            episodePackets += receivedSinceLoss + 1
            episodeLosses += 1
        }
        receivedSinceLoss = 0
    }

    /// The segmentation as if the report were taken now (open episode and trailing packets closed).
    public var closedNow: BurstGapSegmentation {
        var copy = self
        if copy.episodeIsOpen { copy.closeEpisode() }
        copy.addGap(packets: copy.receivedSinceLoss, losses: 0)
        copy.receivedSinceLoss = 0
        return copy
    }

    /// Burst/gap metrics from the exact segmentation (closed as of now).
    /// - Parameter packetDurationMilliseconds: media duration of one packet (ms).
    public func metrics(packetDurationMilliseconds: Double) -> BurstGapMetrics {
        let closed = closedNow
        let total = closed.burstPackets + closed.gapPackets
        guard total > 0 else { return .none }
        func ratio(_ numerator: UInt64, _ denominator: UInt64) -> Double {
            denominator == 0 ? 0 : Double(numerator) / Double(denominator)
        }
        return BurstGapMetrics(
            burstDensity: ratio(closed.burstLosses, closed.burstPackets),
            gapDensity: ratio(closed.gapLosses, closed.gapPackets),
            burstDurationMilliseconds: ratio(closed.burstPackets, closed.burstCount) * packetDurationMilliseconds,
            gapDurationMilliseconds: ratio(closed.gapPackets, closed.gapCount) * packetDurationMilliseconds,
            lossRate: ratio(closed.burstLosses + closed.gapLosses, total),
            // Discards are not told apart here; LossPatternAnalyzer's A.2 figures carry them.
            discardRate: 0
        )
    }

    private mutating func openEpisode() {
        episodeIsOpen = true
        episodeLosses = 1
        episodePackets = 1
    }

    private mutating func closeEpisode() {
        episodeIsOpen = false
        if episodeLosses == 1 {
            addGap(packets: 1, losses: 1)
        } else {
            burstCount += 1
            burstPackets += episodePackets
            burstLosses += episodeLosses
            lastSegmentWasGap = false
        }
    }

    private mutating func addGap(packets: UInt64, losses: UInt64) {
        guard packets > 0 else { return }
        if !lastSegmentWasGap { gapCount += 1 }
        lastSegmentWasGap = true
        gapPackets += packets
        gapLosses += losses
    }
}
