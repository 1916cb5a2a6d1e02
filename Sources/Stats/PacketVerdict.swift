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
    /// The source is still on probation (fewer than MIN_SEQUENTIAL sequential packets); not counted.
    case probation
    /// A jump of MAX_DROPOUT or more (or far behind): dropped, remembered as `bad_seq`.
    case badSequence
    /// The packet right after a bad jump arrived: the sender restarted; statistics re-synced to it.
    case restarted
}
