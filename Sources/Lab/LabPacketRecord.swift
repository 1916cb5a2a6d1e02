#if os(Linux)
import Impairment
import JitterbugSupport

/// One ground-truth line of the lab: the engine's record plus which direction and which
/// transport the packet belonged to, so UDP and TCP fates can be told apart in one log.
package struct LabPacketRecord: Sendable, Hashable {
    /// `up` = sender namespace → receiver namespace; `down` = the reverse.
    package var direction: ImpairmentDirection
    /// Protocol and ports parsed from the IPv4 header.
    package var packet: LabPacketSummary
    /// What the engine decided (index counts packets of this direction from 0).
    package var record: GroundTruthRecord

    package init(direction: ImpairmentDirection, packet: LabPacketSummary, record: GroundTruthRecord) {
        self.direction = direction
        self.packet = packet
        self.record = record
    }

    /// One JSON object, no newline: the direction, protocol and ports first, then the fields of
    /// `GroundTruthLog.line(for:)` in their fixed order, e.g.
    ///
    ///     {"dir":"up","proto":"udp","src_port":40000,"dst_port":5004,"index":0,"send_us":12,...}
    package var jsonLine: String {
        var line = JSONLine()
        line.add("dir", direction.rawValue)
        line.add("proto", packet.protocolName)
        line.add("src_port", packet.sourcePort)
        line.add("dst_port", packet.destinationPort)
        line.append(contentsOf: record.jsonMembers)
        return line.text
    }
}
#endif
