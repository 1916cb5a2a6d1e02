/// Statistics of runs of consecutive lost (or discarded) packets.
public struct LossRunStatistics: Sendable, Equatable, Hashable, Codable {
    /// Number of runs of each length (length in packets → count).
    public var runLengthCounts: [Int: UInt64]

    public init(runLengthCounts: [Int: UInt64]) {
        self.runLengthCounts = runLengthCounts
    }

    /// Number of loss runs (bursts of ≥ 1 consecutive losses).
    public var runCount: UInt64 { runLengthCounts.values.reduce(0, +) }

    /// Total packets in all runs.
    public var lostPackets: UInt64 {
        runLengthCounts.reduce(0) { $0 + UInt64($1.key) * $1.value }
    }

    /// Longest run in packets, 0 if none.
    public var maximumRunLength: Int { runLengthCounts.keys.max() ?? 0 }

    /// Mean run ("burst") length in packets, 0 if none.
    public var meanRunLength: Double {
        runCount == 0 ? 0 : Double(lostPackets) / Double(runCount)
    }
}
