/// Accounting of a ``JitterBuffer``: every sequence number the playout has passed ends as exactly
/// one outcome, so `expected == sum of outcomes` (``isBalanced``).
///
/// `expected` counts the *resolved* range of every stream segment (from its first sequence number
/// up to, not including, the next one to play). Sequence numbers still ahead of the playout point
/// are pending; ``JitterBuffer/finish()`` resolves them at the end of a stream.
/// Duplicates, late arrivals and rejections are counts of *packets*, not of sequence numbers:
/// a duplicate is an extra copy of a sequence number whose outcome already exists.
public struct JitterBufferLedger: Sendable, Equatable {
    /// Sequence numbers resolved so far (sum over stream segments, resets included).
    public internal(set) var expected: Int64 = 0
    /// Decoded and played at their slot.
    public internal(set) var played: Int64 = 0
    /// Rebuilt from the next packet's in-band FEC.
    public internal(set) var recoveredByFEC: Int64 = 0
    /// Concealed because the packet never arrived (so far: a later arrival turns it into late).
    public internal(set) var concealedLost: Int64 = 0
    /// Concealed because the packet arrived after its playout slot.
    public internal(set) var concealedLate: Int64 = 0
    /// Discarded, one at a time, to shrink the playout delay.
    public internal(set) var discardedToShrink: Int64 = 0
    /// Dropped because the buffer was full (packets or duration cap).
    public internal(set) var droppedOverflow: Int64 = 0
    /// Buffered or pending when a new stream replaced the old one.
    public internal(set) var flushedOnReset: Int64 = 0

    /// Packets handed to ``JitterBuffer/insert(_:)``.
    public internal(set) var received: Int64 = 0
    /// Extra copies of an already-received sequence number.
    public internal(set) var duplicates: Int64 = 0
    /// Packets that arrived after their playout slot (includes those whose frame FEC had rebuilt).
    public internal(set) var lateArrivals: Int64 = 0
    /// Rejected: empty payload.
    public internal(set) var rejectedEmptyPayload: Int64 = 0
    /// Rejected: older than the history window.
    public internal(set) var rejectedTooOld: Int64 = 0
    /// Rejected: foreign SSRC never confirmed by followers.
    public internal(set) var rejectedForeignSSRC: Int64 = 0
    /// Rejected: giant sequence jump never confirmed by followers.
    public internal(set) var rejectedSequenceJump: Int64 = 0
    /// Rejected: absurd timestamp (far past or far future) never confirmed by followers.
    public internal(set) var rejectedTimestamp: Int64 = 0
    /// Late packets not handed over because the telemetry late queue (64) was full.
    public internal(set) var lateQueueOverflow: Int64 = 0
    /// Stream resets (new SSRC or sequence restart confirmed).
    public internal(set) var resets: Int64 = 0

    /// Sum of the per-sequence-number outcomes.
    public var outcomesTotal: Int64 {
        played + recoveredByFEC + concealedLost + concealedLate + discardedToShrink + droppedOverflow
            + flushedOnReset
    }

    /// `expected == outcomesTotal`: no sequence number lost from the books or counted twice.
    public var isBalanced: Bool { expected == outcomesTotal }

    /// Loss the listener heard: lost + late, as a fraction of `expected` (0 when nothing resolved).
    public var concealedFraction: Double {
        expected == 0 ? 0 : Double(concealedLost + concealedLate) / Double(expected)
    }

    /// Records the final outcome of one sequence number.
    mutating func record(_ outcome: SlotOutcome) {
        expected += 1
        switch outcome {
        case .played: played += 1
        case .recoveredByFEC: recoveredByFEC += 1
        case .concealedLost: concealedLost += 1
        case .concealedLate: concealedLate += 1
        case .discardedToShrink: discardedToShrink += 1
        case .droppedOverflow: droppedOverflow += 1
        case .flushedOnReset: flushedOnReset += 1
        }
    }

    /// A packet concluded lost has arrived after all: the outcome becomes late.
    mutating func convertLostToLate() {
        concealedLost -= 1
        concealedLate += 1
    }

    /// Counts a never-confirmed suspect packet.
    mutating func countRejected(_ reason: InsertOutcome.Rejection) {
        switch reason {
        case .emptyPayload: rejectedEmptyPayload += 1
        case .tooOld: rejectedTooOld += 1
        case .suspectNewSSRC: rejectedForeignSSRC += 1
        case .suspectSequenceJump: rejectedSequenceJump += 1
        case .suspectTimestampPast, .suspectTimestampFuture: rejectedTimestamp += 1
        }
    }
}

/// Final outcome of one sequence number, stored in the history ring to classify late copies.
enum SlotOutcome: Sendable, Equatable {
    case played, recoveredByFEC, concealedLost, concealedLate, discardedToShrink, droppedOverflow
    case flushedOnReset
}
