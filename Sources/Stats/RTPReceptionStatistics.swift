/// RFC 3550 receiver statistics for one RTP source (SSRC): Appendix A.1 sequence validation,
/// A.3 loss figures, A.8 interarrival jitter, plus duplicate, reorder and late-packet counters.
///
/// Pure value type: time is passed in as `Duration` offsets from an arbitrary monotonic origin.
/// Sequence state follows A.1 exactly (MIN_SEQUENTIAL 2, MAX_DROPOUT 3000, MAX_MISORDER 100); the
/// extended sequence number is kept in 64 bits so it never wraps in practice.
public struct RTPReceptionStatistics: Sendable {
    /// A.1 MIN_SEQUENTIAL: sequential packets needed before a source is valid.
    public static let minimumSequential = 2
    /// A.1 MAX_DROPOUT: largest forward jump still treated as in-order (with loss).
    public static let maximumDropout: UInt32 = 3000
    /// A.1 MAX_MISORDER: how far behind the highest a packet may be and still count as reordered.
    public static let maximumMisorder: UInt32 = 100
    /// A.1 RTP_SEQ_MOD: 2^16.
    public static let sequenceModulus: UInt32 = 1 << 16

    /// RTP clock rate in Hz used to convert arrival times for the jitter computation.
    public let clockRateHertz: Int

    // MARK: A.1 state
    private var hasSource = false
    private var maxSequence: UInt16 = 0
    /// Shifted count of sequence number cycles (multiples of 65536), as in A.1.
    private var cycles: UInt64 = 0
    private var baseSequence: UInt16 = 0
    /// A.1 `bad_seq`; 65537 (RTP_SEQ_MOD + 1) means "none", so it never equals a 16-bit number.
    private var badSequence: UInt32 = (1 << 16) + 1
    private var probation = 0
    private var expectedPrior: Int64 = 0
    private var receivedPrior: UInt64 = 0
    /// Duplicates within the current epoch (reset with `received` on restart).
    private var epochDuplicates: UInt64 = 0

    private var window = ReceivedSequenceWindow()
    /// A.8 jitter estimator.
    public private(set) var jitter: InterarrivalJitter

    /// A.1 `received`: valid packets since the source became valid (or last restarted),
    /// including duplicates, as RFC 3550 counts them.
    public private(set) var receivedPackets: UInt64 = 0
    /// Exact duplicates detected (within the last 1024 sequence numbers) since creation.
    public private(set) var duplicatePackets: UInt64 = 0
    /// Packets that arrived with a sequence number lower than the highest seen, since creation.
    public private(set) var reorderedPackets: UInt64 = 0
    /// Largest reorder distance seen (sequence numbers behind the highest), 0 if none.
    public private(set) var maximumReorderDistance: Int = 0
    private var reorderDistanceSum: UInt64 = 0
    /// Packets dropped while the source was on probation.
    public private(set) var probationPackets: UInt64 = 0
    /// Packets dropped as a bad sequence jump (A.1 `bad_seq` path).
    public private(set) var badSequencePackets: UInt64 = 0
    /// Times the sequence was re-synced after two sequential packets following a big jump.
    public private(set) var restarts: UInt64 = 0
    /// Packets that arrived too late for playout; bumped by the caller's jitter buffer.
    public private(set) var latePackets: UInt64 = 0
    /// Payload bytes of accepted, non-duplicate packets since creation.
    public private(set) var payloadBytes: UInt64 = 0
    /// Accepted, non-duplicate packets since creation (survives restarts, unlike `receivedPackets`).
    public private(set) var uniquePackets: UInt64 = 0

    /// Creates empty statistics for a source whose RTP clock runs at `clockRateHertz` Hz.
    public init(clockRateHertz: Int) {
        self.clockRateHertz = max(1, clockRateHertz)
        self.jitter = InterarrivalJitter(clockRateHertz: clockRateHertz)
    }

    // MARK: Derived figures

    /// True once MIN_SEQUENTIAL sequential packets have been received.
    public var isValid: Bool { hasSource && probation == 0 }

    /// Extended highest sequence number received (cycles × 65536 + highest), 64-bit; `nil` before
    /// the source is valid.
    public var extendedHighestSequenceNumber: UInt64? {
        isValid ? cycles + UInt64(maxSequence) : nil
    }

    /// First valid sequence number of the current epoch (A.1 `base_seq`).
    public var baseSequenceNumber: UInt16? { isValid ? baseSequence : nil }

    /// Packets expected: extended highest − base + 1 (A.3); 0 before the source is valid.
    public var expectedPackets: Int64 {
        guard let highest = extendedHighestSequenceNumber else { return 0 }
        return Int64(highest) - Int64(baseSequence) + 1
    }

    /// Cumulative lost = expected − received (A.3), unclamped; negative when duplicates outnumber losses.
    public var cumulativeLost: Int64 { expectedPackets - Int64(receivedPackets) }

    /// Loss excluding the effect of duplicates: expected − (received − duplicates), never negative.
    public var lostExcludingDuplicates: Int64 {
        max(0, expectedPackets - Int64(receivedPackets) + Int64(min(epochDuplicates, receivedPackets)))
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
        let sequence = sequenceNumber
        if !hasSource {
            // A.1: a new source starts on probation with max_seq = seq − 1.
            hasSource = true
            initializeSequence(sequence)
            maxSequence = sequence &- 1
            probation = Self.minimumSequential
        }
        let delta = UInt32(sequence &- maxSequence)

        if probation > 0 {
            // Wrapping + 1: C's `max_seq + 1` promotes to int and would reject 65535 → 0.
            if sequence == maxSequence &+ 1 {
                probation -= 1
                maxSequence = sequence
                if probation == 0 {
                    initializeSequence(sequence)
                    receivedPackets += 1
                    window.reset(to: UInt64(sequence))
                    accept(rtpTimestamp: rtpTimestamp, arrival: arrival, payloadBytes: payloadBytes)
                    return .accepted
                }
            } else {
                probation = Self.minimumSequential - 1
                maxSequence = sequence
            }
            probationPackets += 1
            return .probation
        }

        if delta < Self.maximumDropout {
            // In order, with a permissible gap.
            let previousHighest = cycles + UInt64(maxSequence)
            if sequence < maxSequence { cycles += UInt64(Self.sequenceModulus) }
            maxSequence = sequence
            let extended = cycles + UInt64(sequence)
            receivedPackets += 1
            if extended == previousHighest, window.contains(extended) == true {
                duplicatePackets += 1
                epochDuplicates += 1
                return .duplicate
            }
            window.advance(to: extended)
            window.insert(extended)
            accept(rtpTimestamp: rtpTimestamp, arrival: arrival, payloadBytes: payloadBytes)
            return .accepted
        } else if delta <= Self.sequenceModulus - Self.maximumMisorder {
            // A very large jump.
            if UInt32(sequence) == badSequence {
                // Two sequential packets: the sender restarted; re-sync to this packet.
                initializeSequence(sequence)
                receivedPackets += 1
                restarts += 1
                window.reset(to: UInt64(sequence))
                jitter.resetTransit()
                accept(rtpTimestamp: rtpTimestamp, arrival: arrival, payloadBytes: payloadBytes)
                return .restarted
            }
            badSequence = (UInt32(sequence) + 1) & (Self.sequenceModulus - 1)
            badSequencePackets += 1
            return .badSequence
        } else {
            // Duplicate or reordered packet, 1...MAX_MISORDER behind the highest.
            receivedPackets += 1
            let distance = UInt64(Self.sequenceModulus - delta)
            let highest = cycles + UInt64(maxSequence)
            if highest >= distance {
                let extended = highest - distance
                if window.contains(extended) == true {
                    duplicatePackets += 1
                    epochDuplicates += 1
                    return .duplicate
                }
                window.insert(extended)
            }
            reorderedPackets += 1
            reorderDistanceSum += distance
            maximumReorderDistance = max(maximumReorderDistance, Int(distance))
            accept(rtpTimestamp: rtpTimestamp, arrival: arrival, payloadBytes: payloadBytes)
            return .reordered(distance: Int(distance))
        }
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

    // MARK: Private

    /// A.1 `init_seq`.
    private mutating func initializeSequence(_ sequence: UInt16) {
        baseSequence = sequence
        maxSequence = sequence
        badSequence = Self.sequenceModulus + 1
        cycles = 0
        receivedPackets = 0
        epochDuplicates = 0
        receivedPrior = 0
        expectedPrior = 0
    }

    private mutating func accept(rtpTimestamp: UInt32, arrival: Duration, payloadBytes bytes: Int) {
        uniquePackets += 1
        payloadBytes += UInt64(max(0, bytes))
        jitter.update(rtpTimestamp: rtpTimestamp, arrival: arrival)
    }
}
