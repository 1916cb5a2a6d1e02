/// Loss-pattern analysis of a stream, fed per sequence number in order: RFC 3611 §4.7.2
/// burst/gap metrics computed with the Appendix A.2 state machine, loss-run statistics and a
/// two-state Gilbert–Elliott fit.
///
/// Feed one `LossEvent` per expected sequence number, in sequence order (`record(_:)`), or a whole
/// bitmap (`record(receivedFlags:)`). Discarded packets (arrived but unusable, e.g. too late) count
/// as losses for the burst/gap metrics exactly as RFC 3611 does, and separately in `discardCount`.
public struct LossPatternAnalyzer: Sendable, Equatable {
    /// One sequence number's fate.
    public enum LossEvent: Sendable, Equatable, Hashable {
        case received
        case lost
        /// Arrived but discarded (late/early for the jitter buffer): a loss for burst metrics.
        case discarded
    }

    /// RFC 3611 Gmin: a gap needs at least this many consecutive received packets. ≥ 1.
    public let minimumGapPackets: Int

    // MARK: RFC 3611 A.2 state (names follow the appendix)
    private var pkt: UInt64 = 0
    private var lost: UInt64 = 0
    private var c11: UInt64 = 0
    private var c13: UInt64 = 0
    private var c14: UInt64 = 0
    private var c22: UInt64 = 0
    private var c23: UInt64 = 0
    private var c33: UInt64 = 0

    /// Exact §4.7.2 segmentation of the same events (no A.2 approximation or start-up artefact).
    public private(set) var segmentation: BurstGapSegmentation

    /// Packets reported lost.
    public private(set) var lossCount: UInt64 = 0
    /// Packets reported discarded.
    public private(set) var discardCount: UInt64 = 0
    /// Packets reported received.
    public private(set) var receivedCount: UInt64 = 0

    // MARK: Loss runs and Gilbert–Elliott transitions
    private var currentRunLength = 0
    /// Number of completed-or-current runs of consecutive lost/discarded packets, keyed by length.
    private var completedRunLengths: [Int: UInt64] = [:]
    private var previousWasLoss: Bool?
    private var receivedToReceived: UInt64 = 0
    private var receivedToLost: UInt64 = 0
    private var lostToLost: UInt64 = 0
    private var lostToReceived: UInt64 = 0

    /// Creates an analyzer; `minimumGapPackets` defaults to the RFC 3611 recommended Gmin of 16.
    public init(minimumGapPackets: Int = 16) {
        self.minimumGapPackets = max(1, minimumGapPackets)
        self.segmentation = BurstGapSegmentation(minimumGapPackets: minimumGapPackets)
    }

    /// Feeds the fate of the next sequence number.
    public mutating func record(_ event: LossEvent) {
        let isLoss: Bool
        switch event {
        case .received:
            receivedCount += 1
            isLoss = false
        case .lost:
            lossCount += 1
            isLoss = true
        case .discarded:
            discardCount += 1
            isLoss = true
        }
        updateBurstGapState(isLoss: isLoss)
        segmentation.record(isLoss: isLoss)
        updateRuns(isLoss: isLoss)
    }

    /// Feeds a run of sequence numbers: `true` = received, `false` = lost.
    public mutating func record(receivedFlags: some Sequence<Bool>) {
        for flag in receivedFlags { record(flag ? .received : .lost) }
    }

    // MARK: Results

    /// RFC 3611 burst/gap metrics from the A.2 transition counts (what an RTCP XR VoIP Metrics
    /// block carries). A.2 is approximate by design ("accuracy of 1" transition): e.g. its start
    /// state classifies the very first loss as a burst entry. See `exactBurstGapMetrics`.
    /// - Parameter packetDurationMilliseconds: media duration of one RTP packet
    ///   (frame duration × frames per packet), e.g. 20 for 20 ms Opus frames.
    public func burstGapMetrics(packetDurationMilliseconds: Double) -> BurstGapMetrics {
        // A.2 "at each reporting interval": infer the return transitions.
        let c31 = c13
        let c32 = c23
        let total = c11 + c14 + c13 + c22 + c23 + c31 + c32 + c33
        guard total > 0 else { return .none }
        let stateThreeExits = c31 + c32 + c33
        let p32 = stateThreeExits == 0 ? 0 : Double(c32) / Double(stateThreeExits)
        let p23 = (c22 + c23) < 1 ? 1 : 1 - Double(c22) / Double(c22 + c23)
        let burstDensity = (p23 + p32) == 0 ? 0 : p23 / (p23 + p32)
        let gapDensity = (c11 + c14) == 0 ? 0 : Double(c14) / Double(c11 + c14)
        let gapDuration: Double
        let burstDuration: Double
        if c13 == 0 {
            // No burst was ever entered: the whole stream is one gap (A.2 would divide by zero).
            gapDuration = Double(receivedCount + lossCount + discardCount) * packetDurationMilliseconds
            burstDuration = 0
        } else {
            gapDuration = Double(c11 + c14 + c13) * packetDurationMilliseconds / Double(c13)
            burstDuration = Double(total) * packetDurationMilliseconds / Double(c13) - gapDuration
        }
        return BurstGapMetrics(
            burstDensity: burstDensity,
            gapDensity: gapDensity,
            burstDurationMilliseconds: burstDuration,
            gapDurationMilliseconds: gapDuration,
            // RFC 3611 §4.7.1: fractions of all packets expected, including those received
            // after the last loss (which A.2's transition counts do not hold yet).
            lossRate: Double(lossCount) / Double(max(1, receivedCount + lossCount + discardCount)),
            discardRate: Double(discardCount) / Double(max(1, receivedCount + lossCount + discardCount))
        )
    }

    /// Burst/gap metrics from the exact §4.7.2 segmentation, closed as of now.
    public func exactBurstGapMetrics(packetDurationMilliseconds: Double) -> BurstGapMetrics {
        segmentation.metrics(packetDurationMilliseconds: packetDurationMilliseconds)
    }

    /// Loss-run statistics: runs of consecutive lost or discarded packets (the current run included).
    public var lossRuns: LossRunStatistics {
        var lengths = completedRunLengths
        if currentRunLength > 0 { lengths[currentRunLength, default: 0] += 1 }
        return LossRunStatistics(runLengthCounts: lengths)
    }

    /// Gilbert–Elliott p: P(loss | previous received), from observed transitions; 0 if undefined.
    public var goodToBadProbability: Double {
        let from = receivedToReceived + receivedToLost
        return from == 0 ? 0 : Double(receivedToLost) / Double(from)
    }

    /// Gilbert–Elliott r: P(received | previous lost), from observed transitions; 0 if undefined.
    public var badToGoodProbability: Double {
        let from = lostToLost + lostToReceived
        return from == 0 ? 0 : Double(lostToReceived) / Double(from)
    }

    /// G.107 BurstR = 1 / (p + r) from the fitted transition probabilities (1 for random loss,
    /// > 1 for bursty loss); 1 when no transitions were observed.
    public var burstRatio: Double {
        EModel.burstRatio(goodToBadProbability: goodToBadProbability, badToGoodProbability: badToGoodProbability)
    }

    // MARK: Private

    /// RFC 3611 Appendix A.2, per event, verbatim in structure.
    private mutating func updateBurstGapState(isLoss: Bool) {
        guard isLoss else {
            pkt += 1
            return
        }
        if pkt >= UInt64(minimumGapPackets) {
            if lost == 1 { c14 += 1 } else { c13 += 1 }
            lost = 1
            c11 += pkt
        } else {
            lost += 1
            if pkt == 0 {
                c33 += 1
            } else {
                c23 += 1
                c22 += pkt - 1
            }
        }
        pkt = 0
    }

    private mutating func updateRuns(isLoss: Bool) {
        if let previous = previousWasLoss {
            switch (previous, isLoss) {
            case (false, false): receivedToReceived += 1
            case (false, true): receivedToLost += 1
            case (true, true): lostToLost += 1
            case (true, false): lostToReceived += 1
            }
        }
        previousWasLoss = isLoss
        if isLoss {
            currentRunLength += 1
        } else if currentRunLength > 0 {
            completedRunLengths[currentRunLength, default: 0] += 1
            currentRunLength = 0
        }
    }
}
