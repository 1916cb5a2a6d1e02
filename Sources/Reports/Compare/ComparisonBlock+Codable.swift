/// JSON of one block (docs/compare-json.md). `takeaway` and `p99_latency_ratio` are written for
/// readers and recomputed on decoding; the per-packet records are present only when kept.
extension ComparisonBlock: Codable {
    enum CodingKeys: String, CodingKey {
        case label
        case playoutDelayMilliseconds = "playout_delay_ms"
        case playoutDelayChoice = "playout_delay_choice"
        case p99LatencyRatio = "p99_latency_ratio_tcp_to_udp"
        case takeaway, udp, tcp
        case udpMeasurement = "udp_packets"
        case tcpMeasurement = "tcp_packets"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            label: try container.decode(String.self, forKey: .label),
            playoutDelayMilliseconds: try container.decode(Double.self, forKey: .playoutDelayMilliseconds),
            playoutDelayChoice: try container.decodeIfPresent(String.self, forKey: .playoutDelayChoice) ?? "",
            udp: try container.decode(PathAnalysis.self, forKey: .udp),
            tcp: try container.decode(PathAnalysis.self, forKey: .tcp),
            udpMeasurement: try container.decodeIfPresent(PathMeasurement.self, forKey: .udpMeasurement),
            tcpMeasurement: try container.decodeIfPresent(PathMeasurement.self, forKey: .tcpMeasurement)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(playoutDelayMilliseconds, forKey: .playoutDelayMilliseconds)
        try container.encode(playoutDelayChoice, forKey: .playoutDelayChoice)
        try container.encodeIfPresent(p99LatencyRatio, forKey: .p99LatencyRatio)
        try container.encode(takeaway, forKey: .takeaway)
        try container.encode(udp, forKey: .udp)
        try container.encode(tcp, forKey: .tcp)
        try container.encodeIfPresent(udpMeasurement, forKey: .udpMeasurement)
        try container.encodeIfPresent(tcpMeasurement, forKey: .tcpMeasurement)
    }
}
