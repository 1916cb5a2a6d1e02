#if os(Linux)

/// Per-protocol packet counts of one relay direction.
package struct LabProtocolTally: Sendable, Hashable {
    /// Packets the engine saw.
    package var packets = 0
    /// Packets the engine dropped (any reason).
    package var dropped = 0
    /// Extra copies the engine made (duplicates).
    package var duplicated = 0
    /// Packets with a corrupted copy.
    package var corrupted = 0

    package init() {}
}

/// What one relay direction did so far. Counts are packets (one IP packet = one TUN read).
package struct LabDirectionCounters: Sendable, Hashable {
    /// Packets read from the source TUN device.
    package var packetsRead = 0
    /// Packets that were not IPv4 (e.g. IPv6 router solicitations): discarded without drawing
    /// from the engine, so they cannot shift the seeded decisions.
    package var nonIPv4Discarded = 0
    /// IPv4 packets the engine dropped.
    package var packetsDropped = 0
    /// Copies written to the destination TUN device.
    package var copiesWritten = 0
    /// Copies the destination device refused (write error).
    package var writeErrors = 0
    /// Copies lost because the delay scheduler was full (not in the engine's ground truth).
    package var schedulerOverflow = 0
    /// Copies held for delayed delivery right now.
    package var copiesHeld = 0
    /// Ground-truth records not kept in memory because the limit was reached.
    package var recordsNotKept = 0
    /// Tallies keyed by IP protocol number (6 TCP, 17 UDP, 1 ICMP).
    package var byProtocol: [UInt8: LabProtocolTally] = [:]

    package init() {}

    /// The UDP tally (zero when none was seen).
    package var udp: LabProtocolTally { byProtocol[LabPacketSummary.udp] ?? LabProtocolTally() }
    /// The TCP tally (zero when none was seen).
    package var tcp: LabProtocolTally { byProtocol[LabPacketSummary.tcp] ?? LabProtocolTally() }
}
#endif
