/// Result of ``JitterBuffer/insert(_:)``. Every case is also counted in the ``JitterBufferLedger``.
public enum InsertOutcome: Sendable, Equatable {
    /// Why a packet was not taken into the current stream.
    public enum Rejection: Sendable, Equatable {
        /// Empty payload.
        case emptyPayload
        /// Sequence number older than the buffer's history window.
        case tooOld
        /// Held: a different SSRC, a giant sequence jump or an absurd timestamp. Becomes a stream
        /// reset if consecutive followers confirm it; otherwise it stays counted as rejected.
        case suspectNewSSRC
        /// Held: sequence number jumped further than the buffer window (see ``suspectNewSSRC``).
        case suspectSequenceJump
        /// Held: timestamp far in the past relative to its sequence number.
        case suspectTimestampPast
        /// Held: timestamp far in the future relative to its sequence number.
        case suspectTimestampFuture
    }

    /// Stored for playout.
    case accepted
    /// Stored, but the buffer was full (packets or duration) and the oldest packet was dropped.
    case acceptedDroppedOldest
    /// Same sequence number already received; discarded.
    case duplicate
    /// Arrived after its playout slot; counted late (it still fed the delay estimator).
    case late
    /// Confirmed a new stream (SSRC change or sequence restart): the old stream was flushed.
    case reset
    /// Not taken; see ``Rejection``.
    case rejected(Rejection)
}
