#if os(Linux)

/// Per-protocol packet counts of one relay direction.
public struct LabProtocolTally: Sendable, Hashable {
    /// Packets the engine saw.
    public var packets = 0
    /// Packets the engine dropped (any reason).
    public var dropped = 0
    /// Extra copies the engine made (duplicates).
    public var duplicated = 0
    /// Packets with a corrupted copy.
    public var corrupted = 0

    public init() {}
}

/// What one relay direction did so far. Counts are packets (one IP packet = one TUN read).
public struct LabDirectionCounters: Sendable, Hashable {
    /// Packets read from the source TUN device.
    public var packetsRead = 0
    /// Packets that were not IPv4 (e.g. IPv6 router solicitations): discarded without drawing
    /// from the engine, so they cannot shift the seeded decisions.
    public var nonIPv4Discarded = 0
    /// IPv4 packets the engine dropped.
    public var packetsDropped = 0
    /// Copies written to the destination TUN device.
    public var copiesWritten = 0
    /// Copies the destination device refused (write error).
    public var writeErrors = 0
    /// Copies lost because the delay scheduler was full (not in the engine's ground truth).
    public var schedulerOverflow = 0
    /// Copies held for delayed delivery right now.
    public var copiesHeld = 0
    /// Ground-truth records not kept in memory because the limit was reached.
    public var recordsNotKept = 0
    /// Tallies keyed by IP protocol number (6 TCP, 17 UDP, 1 ICMP).
    public var byProtocol: [UInt8: LabProtocolTally] = [:]

    public init() {}

    /// The UDP tally (zero when none was seen).
    public var udp: LabProtocolTally { byProtocol[LabPacketSummary.udp] ?? LabProtocolTally() }
    /// The TCP tally (zero when none was seen).
    public var tcp: LabProtocolTally { byProtocol[LabPacketSummary.tcp] ?? LabProtocolTally() }
}
#endif
