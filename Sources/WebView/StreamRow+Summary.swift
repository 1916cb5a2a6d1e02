import Reports

extension StreamRow {
    /// The row of stream `id` named `name` (`address:port ssrc 0x…`) from its summary.
    init(id: Int, name: String, summary s: ReceiverSummary) {
        let parts = name.split(separator: " ssrc ", maxSplits: 1)
        let played = s.framesDecoded + s.framesRecoveredByFEC + s.framesConcealed
        self.init(
            id: id, source: String(parts.first ?? ""), ssrc: parts.count > 1 ? String(parts[1]) : "",
            codec: s.telemetry == nil ? "opus" : "telemetry", packets: s.packets, expected: s.expectedPackets,
            lost: s.lostPackets, lostPercent: finite(s.lostPercent) ?? 0, late: s.latePackets,
            jitterMilliseconds: finite(s.jitterMilliseconds) ?? 0,
            delayP50Milliseconds: finite(s.oneWayDelayP50Milliseconds), delayP99Milliseconds: finite(s.oneWayDelayP99Milliseconds),
            targetDelayMilliseconds: s.buffer == nil && s.playoutDelayMilliseconds == nil ? nil : finite(s.targetDelayMilliseconds),
            playoutDelayMilliseconds: finite(s.playoutDelayMilliseconds),
            concealedPercent: played > 0 ? Double(s.framesConcealed) * 100 / Double(played) : 0,
            mos: finite(s.mos), path: "none", packetsUDP: s.packetsByUDP, packetsTCP: s.packetsByTCP,
            pathSwitches: 0, active: true)
    }
}

/// `value` when it is a finite number, else nil: JSON has no NaN.
func finite(_ value: Double?) -> Double? {
    guard let value, value.isFinite else { return nil }
    return value
}
