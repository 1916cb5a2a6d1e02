import JitterBuffer

/// The jitter buffer's per-sequence-number outcomes, as reported in summaries and JSON.
public struct BufferLedger: Sendable, Equatable, Codable {
    public var expected: Int64
    public var played: Int64
    public var recoveredByFEC: Int64
    public var concealedLost: Int64
    public var concealedLate: Int64
    public var discardedToShrink: Int64
    public var droppedOverflow: Int64
    /// Resolved without playing at a stream reset or at the end of the run.
    public var flushed: Int64
    public var duplicates: Int64
    public var balanced: Bool

    public init(_ ledger: JitterBufferLedger) {
        expected = ledger.expected
        played = ledger.played
        recoveredByFEC = ledger.recoveredByFEC
        concealedLost = ledger.concealedLost
        concealedLate = ledger.concealedLate
        discardedToShrink = ledger.discardedToShrink
        droppedOverflow = ledger.droppedOverflow
        flushed = ledger.flushedOnReset
        duplicates = ledger.duplicates
        balanced = ledger.isBalanced
    }

    enum CodingKeys: String, CodingKey {
        case expected, played, duplicates, balanced, flushed
        case recoveredByFEC = "recovered_fec"
        case concealedLost = "concealed_lost"
        case concealedLate = "concealed_late"
        case discardedToShrink = "discarded_shrink"
        case droppedOverflow = "dropped_overflow"
    }
}
