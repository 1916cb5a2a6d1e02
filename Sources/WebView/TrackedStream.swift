import Reports

/// What the web view keeps of one stream: its table row, its history ring (for the first
/// streams, see ``LiveStreams/historyPointBudget``), its path switches, and the cumulative
/// totals of the last snapshot, whose increase makes the next point.
struct TrackedStream: Sendable {
    var row: StreamRow
    var ring: PointRing?
    /// Path switches inside the ring's window, oldest first (at most ``maximumSwitches``).
    var switches: [PathSwitch] = []
    var lastTotals = Totals()
    /// When the stream last received a packet (interval end, seconds since the run started).
    var lastGrowthSeconds: Double
    /// The last interval's dominant path (`udp` or `tcp`), for switch detection.
    var dominantPath: String?

    /// Most switches remembered per stream.
    static let maximumSwitches = 100

    /// A stream's cumulative counts from its summary.
    struct Totals: Sendable, Equatable {
        var packets: Int64 = 0
        var expected: Int64 = 0
        var lost: Int64 = 0
        var late: Int64 = 0
        var concealed: Int64 = 0
        var udp: Int = 0
        var tcp: Int = 0

        init() {}

        init(_ summary: ReceiverSummary) {
            packets = summary.packets
            expected = summary.expectedPackets
            lost = summary.lostPackets
            late = summary.latePackets
            concealed = Int64(summary.framesConcealed)
            udp = summary.packetsByUDP
            tcp = summary.packetsByTCP
        }
    }
}

/// A transport switch of one stream, as a chart marker and a `switch` event.
package struct PathSwitch: Sendable, Equatable, Codable {
    /// Interval end at which the new path was first the dominant one, seconds since the run started.
    package var endSeconds: Double
    package var from: String
    package var to: String

    enum CodingKeys: String, CodingKey {
        case endSeconds = "t_s"
        case from, to
    }
}
