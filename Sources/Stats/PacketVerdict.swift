/// What `RTPReceptionStatistics.record(...)` decided about one packet (RFC 3550 Appendix A.1).
public enum PacketVerdict: Sendable, Equatable, Hashable {
    /// Valid, in sequence or after a permissible forward gap (< MAX_DROPOUT).
    case accepted
    /// Valid but older than the highest sequence number seen (within MAX_MISORDER);
    /// `distance` is how many sequence numbers behind the highest it arrived (1...100).
    case reordered(distance: Int)
    /// An exact repeat of a sequence number already received within the last 1024.
    /// Counted in `receivedPackets` as A.1/A.3 require (so cumulative loss can go negative).
    case duplicate
    /// The source is on probation (fewer than MIN_SEQUENTIAL sequential packets): held, and
    /// counted once the source is valid; in `validationVerdicts`, a held packet that was dropped.
    case probation
    /// A jump of MAX_DROPOUT or more (or far behind): dropped, remembered as `bad_seq`.
    case badSequence
    /// The packet right after a bad jump arrived: the sender restarted; a new epoch starts at it.
    case restarted
    /// The RTP timestamp cannot belong to this sequence number: dropped, counted, not in jitter.
    case wrongTimestamp

    /// Whether the packet was counted as a distinct received packet (so it may be played).
    public var isCounted: Bool {
        switch self {
        case .accepted, .reordered, .restarted: true
        case .duplicate, .probation, .badSequence, .wrongTimestamp: false
        }
    }
}
