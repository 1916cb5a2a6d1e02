/// RFC 3550 receiver statistics for one RTP source (SSRC): Appendix A.1 sequence validation,
/// A.3 loss figures, A.8 interarrival jitter, plus duplicate, reorder and late-packet counters.
///
/// Pure value type: time is passed in as `Duration` offsets from an arbitrary monotonic origin.
/// Sequence state follows A.1 (MIN_SEQUENTIAL 2, MAX_DROPOUT 3000, MAX_MISORDER 100), with three
/// deliberate differences so that the counts add up (docs/counters.md):
/// - packets held during probation count once the source is valid, and `expected` starts at the
///   stream's first packet (A.1 starts both at the packet that ended probation);
/// - a restart (two sequential packets after a big jump) keeps the counts of the epoch before it,
///   and is undone when the packet after it continues the old sequence instead (two forged
///   packets cannot throw a stream's statistics away);
/// - a packet whose RTP timestamp cannot belong to its sequence number (Wireshark's "wrong
///   timestamp") is counted and otherwise ignored: not received, not in A.8 jitter.
/// The extended sequence number is kept in 64 bits so it never wraps in practice.
public struct RTPReceptionStatistics: Sendable {
    /// A.1 MIN_SEQUENTIAL: sequential packets needed before a source is valid.
    public static let minimumSequential = 2
    /// A.1 MAX_DROPOUT: largest forward jump still treated as in-order (with loss).
    public static let maximumDropout: UInt32 = 3000
    /// A.1 MAX_MISORDER: how far behind the highest a packet may be and still count as reordered.
    public static let maximumMisorder: UInt32 = 100
    /// A.1 RTP_SEQ_MOD: 2^16.
    public static let sequenceModulus: UInt32 = 1 << 16
    /// Packets remembered while on probation (counted once the source is valid); later ones
    /// during the same probation are dropped and counted in `probationDroppedPackets`.
    public static let probationHoldLimit = 8

    /// RTP clock rate in Hz used to convert arrival times for the jitter computation.
    public let clockRateHertz: Int

    // MARK: A.1 state
    var hasSource = false
    var probation = 0
    /// A.1 `max_seq` (also the last probation packet while on probation).
    var maxSequence: UInt16 = 0
    /// Shifted count of sequence number cycles (multiples of 65536). Internally it starts at
    /// 65536, so a packet older than the first one can still get an extended number.
    var cycles: UInt64 = 0
    /// Extended number of the first packet counted in this epoch (A.1 `base_seq`, extended).
    var baseExtended: UInt64 = 0
    /// A.1 `bad_seq`; 65537 (RTP_SEQ_MOD + 1) means "none", so it never equals a 16-bit number.
    var badSequence: UInt32 = (1 << 16) + 1
    var expectedPrior: Int64 = 0
    var receivedPrior: UInt64 = 0
    var window = ReceivedSequenceWindow()
    /// Packets seen on probation, in arrival order (at most `probationHoldLimit`).
    var held: [HeldPacket] = []
    /// The last counted packet, against which the next timestamp is checked.
    var timestampReference: TimestampReference?
    /// The last packet rejected for its timestamp (two consistent ones re-sync the timeline).
    var lastWrongTimestamp: TimestampReference?
    /// Media time of the last two single sequence steps between counted packets, seconds, and
    /// how many of them are known (0...2); timestamps are checked once both are.
    var recentStepSeconds: (Double, Double) = (0, 0)
    var recentStepCount = 0
    /// The state before the latest restart, until the next packet confirms the restart (0 or 1).
    var beforeRestart: [RTPReceptionStatistics] = []
    /// Expected and received (duplicates included) of the epochs before the latest restart.
    var earlierEpochsExpected: Int64 = 0
    var earlierEpochsReceived: UInt64 = 0

    /// A.8 jitter estimator (fed by counted packets only).
    public internal(set) var jitter: InterarrivalJitter

    /// A.1 `received` of this epoch: packets counted since the source became valid (or last
    /// restarted), including duplicates, as RFC 3550 counts them for receiver reports.
    public internal(set) var receivedPackets: UInt64 = 0
    /// Exact duplicates detected (within the last 1024 sequence numbers) since creation.
    public internal(set) var duplicatePackets: UInt64 = 0
    /// Packets that arrived with a sequence number lower than the highest seen, since creation.
    public internal(set) var reorderedPackets: UInt64 = 0
    /// Largest reorder distance seen (sequence numbers behind the highest), 0 if none.
    public internal(set) var maximumReorderDistance: Int = 0
    var reorderDistanceSum: UInt64 = 0
    /// Packets dropped on probation and never counted: beyond `probationHoldLimit`, or too far
    /// from the packets that validated the source to belong to it.
    public internal(set) var probationDroppedPackets: UInt64 = 0
    /// Packets dropped by A.1's bad-sequence handling (a jump of MAX_DROPOUT or more, or more
    /// than MAX_MISORDER behind), including restart packets whose restart was undone.
    public internal(set) var badSequencePackets: UInt64 = 0
    /// Sequence restarts: two sequential packets after a big jump, confirmed by the next packet.
    public internal(set) var restarts: UInt64 = 0
    /// Packets rejected because their RTP timestamp is inconsistent with their sequence number.
    public internal(set) var wrongTimestampPackets: UInt64 = 0
    /// Packets that arrived too late for playout; bumped by the caller's jitter buffer.
    public internal(set) var latePackets: UInt64 = 0
    /// Payload bytes of counted, non-duplicate packets since creation.
    public internal(set) var payloadBytes: UInt64 = 0
    /// Distinct packets counted since creation (duplicates not; survives restarts).
    public internal(set) var uniquePackets: UInt64 = 0
    /// What became of the packets held on probation when the source became valid, in the order
    /// they arrived (`.probation` = dropped); empty until then.
    public internal(set) var validationVerdicts: [PacketVerdict] = []

    /// Creates empty statistics for a source whose RTP clock runs at `clockRateHertz` Hz.
    public init(clockRateHertz: Int) {
        self.clockRateHertz = max(1, clockRateHertz)
        self.jitter = InterarrivalJitter(clockRateHertz: clockRateHertz)
    }

    // MARK: Derived figures

    /// True once MIN_SEQUENTIAL sequential packets have been received.
    public var isValid: Bool { hasSource && probation == 0 }

    /// Internal extended highest sequence number (offset by the starting cycle).
    var highestExtended: UInt64 { cycles + UInt64(maxSequence) }

    /// Extended highest sequence number received (cycles since the base's cycle × 65536 +
    /// highest), 64-bit; `nil` before the source is valid.
    public var extendedHighestSequenceNumber: UInt64? {
        isValid ? highestExtended - (baseExtended - baseExtended % UInt64(Self.sequenceModulus)) : nil
    }

    /// First counted sequence number of the current epoch (A.1 `base_seq`).
    public var baseSequenceNumber: UInt16? { isValid ? UInt16(truncatingIfNeeded: baseExtended) : nil }

    /// Packets expected in this epoch: extended highest − base + 1 (A.3); 0 before the source is valid.
    public var expectedPackets: Int64 {
        isValid ? Int64(highestExtended) - Int64(baseExtended) + 1 : 0
    }

    /// This epoch's cumulative lost = expected − received (A.3), unclamped; negative when
    /// duplicates outnumber losses. This is what receiver reports carry.
    public var cumulativeLost: Int64 { expectedPackets - Int64(receivedPackets) }

    /// Packets expected over every epoch (restarts included).
    public var totalExpectedPackets: Int64 { earlierEpochsExpected + expectedPackets }

    /// Distinct sequence numbers expected and never received, over every epoch; never negative.
    public var lostPackets: Int64 { max(0, totalExpectedPackets - Int64(uniquePackets)) }

    /// RFC 3550 cumulative lost over every epoch: expected − received with duplicates (what
    /// tshark prints as "Lost"); negative when duplicates outnumber losses.
    public var rfc3550CumulativeLost: Int64 {
        totalExpectedPackets - Int64(earlierEpochsReceived + receivedPackets)
    }

    /// Mean reorder distance over reordered packets, 0 if none.
    public var meanReorderDistance: Double {
        reorderedPackets == 0 ? 0 : Double(reorderDistanceSum) / Double(reorderedPackets)
    }

    /// Interarrival jitter in RTP timestamp units (floating A.8 form).
    public var jitterTimestampUnits: Double { jitter.jitterTimestampUnits }

    /// Interarrival jitter in milliseconds.
    public var jitterMilliseconds: Double { jitter.jitterMilliseconds }

    // MARK: Recording

    /// Counts one packet the jitter buffer received too late to play.
    public mutating func recordLatePacket() { latePackets += 1 }

    /// Records one arriving RTP packet and classifies it per RFC 3550 A.1.
    /// - Parameters:
    ///   - sequenceNumber: the RTP sequence number.
    ///   - rtpTimestamp: the RTP timestamp (clock `clockRateHertz`).
    ///   - arrival: arrival time as an offset from an arbitrary monotonic origin.
    ///   - payloadBytes: payload size in bytes (negative values count as 0).
    @discardableResult
    public mutating func record(
        sequenceNumber: UInt16, rtpTimestamp: UInt32, arrival: Duration, payloadBytes: Int
    ) -> PacketVerdict {
        let packet = HeldPacket(
            sequence: sequenceNumber, timestamp: rtpTimestamp, arrival: arrival, payloadBytes: max(0, payloadBytes))
        if !hasSource {
            // A.1: a new source starts on probation with max_seq = seq − 1.
            hasSource = true
            maxSequence = sequenceNumber &- 1
            probation = Self.minimumSequential
        }
        if probation > 0 { return recordOnProbation(packet) }
        if !beforeRestart.isEmpty { return recordAfterRestart(packet) }
        return recordValid(packet, replaying: false)
    }

    /// Computes the report block figures for the interval since the previous call (A.3) and
    /// starts a new interval. Returns `nil` while the source is not yet valid.
    public mutating func makeReportBlockFigures() -> ReportBlockFigures? {
        guard let highest = extendedHighestSequenceNumber else { return nil }
        let expected = expectedPackets
        let expectedInterval = expected - expectedPrior
        expectedPrior = expected
        let receivedInterval = Int64(receivedPackets) - Int64(receivedPrior)
        receivedPrior = receivedPackets
        let lostInterval = expectedInterval - receivedInterval
        let fraction: UInt8
        if expectedInterval <= 0 || lostInterval <= 0 {
            fraction = 0
        } else {
            // At most 256 (nothing received in the interval); the 8-bit field saturates at 255
            // instead of wrapping to 0 as a C cast would.
            fraction = UInt8(clamping: (lostInterval << 8) / expectedInterval)
        }
        let clampedLost = Int32(min(max(cumulativeLost, -0x80_0000), 0x7F_FFFF))
        return ReportBlockFigures(
            fractionLost: fraction,
            cumulativeLost: clampedLost,
            extendedHighestSequenceNumber: UInt32(truncatingIfNeeded: highest),
            jitter: jitter.rfcJitterTimestampUnits
        )
    }
}
