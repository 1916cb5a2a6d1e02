/// One line of the page's stream table and of `/api/streams`: a stream's figures since it
/// began. JSON keys are snake_case (docs/web-events.md).
package struct StreamRow: Sendable, Equatable, Codable {
    /// The id in `/api/streams/{id}`: 1 for the first stream seen, then 2, 3 …; never reused.
    package var id: Int
    /// Source address and port, e.g. `127.0.0.1:40000`.
    package var source: String
    /// SSRC as `0x…`.
    package var ssrc: String
    /// `opus` or `telemetry`.
    package var codec: String
    package var packets: Int64
    package var expected: Int64
    package var lost: Int64
    /// lost / expected × 100.
    package var lostPercent: Double
    /// Packets after their playout time.
    package var late: Int64
    package var jitterMilliseconds: Double
    /// One-way delay since the stream began, ms; `nil` without send-time stamps.
    package var delayP50Milliseconds: Double?
    package var delayP99Milliseconds: Double?
    /// Jitter buffer target and delivered (playout) delay now, ms.
    package var targetDelayMilliseconds: Double?
    package var playoutDelayMilliseconds: Double?
    /// Concealed frames / frames played × 100 (0 before any frame).
    package var concealedPercent: Double
    /// E-model MOS estimate (1 … 4.5); `nil` before there is one.
    package var mos: Double?
    /// The path of the last interval's packets: `udp`, `tcp`, `udp+tcp` or `none`.
    package var path: String
    /// Packets that came by UDP and by TCP since the stream began.
    package var packetsUDP: Int
    package var packetsTCP: Int
    /// Transport switches seen (the path changed between UDP and TCP).
    package var pathSwitches: Int
    /// False once the stream ended (silent for the receiver's stream idle time).
    package var active: Bool

    enum CodingKeys: String, CodingKey {
        case id, source, ssrc, codec, packets, expected, lost
        case lostPercent = "lost_percent"
        case late
        case jitterMilliseconds = "jitter_ms"
        case delayP50Milliseconds = "delay_p50_ms"
        case delayP99Milliseconds = "delay_p99_ms"
        case targetDelayMilliseconds = "target_delay_ms"
        case playoutDelayMilliseconds = "playout_delay_ms"
        case concealedPercent = "concealed_percent"
        case mos, path
        case packetsUDP = "packets_udp"
        case packetsTCP = "packets_tcp"
        case pathSwitches = "path_switches"
        case active
    }
}
