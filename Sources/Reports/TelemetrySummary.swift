import Stats

/// Telemetry figures for the summary and JSON: samples and gaps written, and freshness.
public struct TelemetrySummary: Sendable, Equatable, Codable {
    public var samples: Int
    public var gaps: Int
    public var packetsInGaps: Int64
    /// Packets delivered after their deadline (`--late deliver`).
    public var lateDelivered: Int
    /// Payloads that could not be decoded, by reason.
    public var droppedByReason: [String: Int]
    /// Age of information: receiver time minus the capture time of the newest sample, sampled
    /// every ~10 ms (same-clock assumption as one-way delay), milliseconds.
    public var ageOfInformation: LatencyHistogram.Summary?
    /// Receiver-side time between updates (deliveries of a newer sample), milliseconds.
    public var updateGap: LatencyHistogram.Summary?

    public init(
        samples: Int, gaps: Int, packetsInGaps: Int64, lateDelivered: Int, droppedByReason: [String: Int],
        ageOfInformation: LatencyHistogram.Summary?, updateGap: LatencyHistogram.Summary?
    ) {
        self.samples = samples
        self.gaps = gaps
        self.packetsInGaps = packetsInGaps
        self.lateDelivered = lateDelivered
        self.droppedByReason = droppedByReason
        self.ageOfInformation = ageOfInformation
        self.updateGap = updateGap
    }

    enum CodingKeys: String, CodingKey {
        case samples, gaps
        case packetsInGaps = "packets_in_gaps"
        case lateDelivered = "late_delivered"
        case droppedByReason = "dropped_by_reason"
        case ageOfInformation = "age_of_information"
        case updateGap = "update_gap"
    }
}
