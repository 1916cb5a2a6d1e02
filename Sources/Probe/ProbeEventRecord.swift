import Foundation

/// `probe --events`: one JSON object per finished test and direction (keys as in
/// docs/monitoring/metrics.md; absent figures are left out).
package struct ProbeEventRecord: Encodable, Sendable {
    var probe: String
    var peer: String
    var direction: String
    var transport: String
    var media: String
    var result: String
    var endedAtUnixSeconds: Double
    var packetsSent: Int64?
    var packetsReceived: Int64?
    var packetsLost: Int64?
    var lossRatio: Double?
    var lateLossRatio: Double?
    var jitterSeconds: Double?
    var mos: Double?
    var rttSeconds: Double?
    var oneWayDelaySeconds: Double?
    var failure: String?

    enum CodingKeys: String, CodingKey {
        case probe, peer, direction, transport, media, result, mos, failure
        case endedAtUnixSeconds = "ended_at_unix_s"
        case packetsSent = "packets_sent"
        case packetsReceived = "packets_received"
        case packetsLost = "packets_lost"
        case lossRatio = "loss_ratio"
        case lateLossRatio = "late_loss_ratio"
        case jitterSeconds = "jitter_s"
        case rttSeconds = "rtt_s"
        case oneWayDelaySeconds = "one_way_delay_s"
    }

    package init(probe: String, result: ProbeTestResult) {
        self.probe = probe
        peer = result.peer
        direction = result.direction.rawValue
        transport = result.transport
        media = result.media
        self.result = result.ok ? "ok" : "failed"
        endedAtUnixSeconds = (result.endedAtUnixSeconds * 1000).rounded() / 1000
        packetsSent = result.packetsSent
        packetsReceived = result.packetsReceived
        packetsLost = result.packetsLost
        lossRatio = result.lossRatio
        lateLossRatio = result.lateLossRatio
        jitterSeconds = result.jitterSeconds
        mos = result.mos
        rttSeconds = result.roundTripSeconds
        oneWayDelaySeconds = result.oneWayDelaySeconds
        failure = result.failure
    }

    /// The record as one line of JSON (no newline), keys sorted.
    package var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
