import Reports

extension ProbeTestResult {
    /// An inbound test's figures from the receiver's summary of its stream.
    package init(inbound stream: ReceiverSummary, peer: String, endedAtUnixSeconds: Double) {
        self.init(
            peer: peer, direction: .inbound, transport: stream.packetsByTCP > stream.packetsByUDP ? "tcp" : "udp",
            ok: true, endedAtUnixSeconds: endedAtUnixSeconds)
        packetsReceived = stream.packets
        packetsLost = stream.lostPackets
        let expected = Double(stream.expectedPackets)
        lossRatio = expected > 0 ? Double(stream.lostPackets) / expected : 0
        lateLossRatio = expected > 0 ? Double(stream.latePackets) / expected : 0
        jitterSeconds = stream.jitterMilliseconds / 1000
        // A telemetry stream is not heard: its figures are loss, lateness and delay, no MOS.
        if stream.telemetry != nil {
            media = "telemetry"
        } else {
            mos = stream.mos
        }
        oneWayDelaySeconds = stream.oneWayDelayP50Milliseconds.map { $0 / 1000 }
    }
}
