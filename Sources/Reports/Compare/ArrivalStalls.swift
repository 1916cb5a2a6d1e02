/// Stalls: gaps between consecutive arrivals longer than 3 frame durations while the sender kept
/// sending (some packet would have arrived inside the gap at the fastest packet's delay). On an
/// in-order transport (TCP) these are head-of-line stalls; on UDP they are loss bursts or delay spikes.
public struct ArrivalStalls: Sendable, Equatable, Codable {
    /// A gap counts when it is longer than this many frame durations.
    public static let frameMultiple: Int64 = 3

    public var count: Int
    /// Sum of the gap lengths (time with no arrival), milliseconds.
    public var totalMilliseconds: Double
    /// The longest gap, milliseconds (0 without stalls).
    public var longestMilliseconds: Double

    public init(count: Int, totalMilliseconds: Double, longestMilliseconds: Double) {
        self.count = count
        self.totalMilliseconds = totalMilliseconds
        self.longestMilliseconds = longestMilliseconds
    }

    /// Finds the stalls of one run.
    public init(measurement: PathMeasurement) {
        self.init(count: 0, totalMilliseconds: 0, longestMilliseconds: 0)
        guard let minimumDelay = measurement.minimumOneWayDelayMicroseconds else { return }
        let arrivals = measurement.arrivalOffsetMicroseconds.compactMap { $0 }.sorted()
        // When each packet would have arrived at the fastest delay: "the sender kept sending"
        // means one of these falls strictly inside the gap (not after the sender stopped).
        let expected = measurement.sendOffsetMicroseconds.map { $0 + minimumDelay }.sorted()
        let threshold = Self.frameMultiple * measurement.frameDurationMicroseconds
        var totalMicroseconds: Int64 = 0
        var longestMicroseconds: Int64 = 0
        for (earlier, later) in zip(arrivals, arrivals.dropFirst()) where later - earlier > threshold {
            guard Self.containsValue(expected, above: earlier, below: later) else { continue }
            count += 1
            totalMicroseconds += later - earlier
            longestMicroseconds = max(longestMicroseconds, later - earlier)
        }
        totalMilliseconds = Double(totalMicroseconds) / 1000
        longestMilliseconds = Double(longestMicroseconds) / 1000
    }

    /// Whether sorted `values` holds a value v with lower < v < upper (binary search).
    static func containsValue(_ values: [Int64], above lower: Int64, below upper: Int64) -> Bool {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] <= lower { low = middle + 1 } else { high = middle }
        }
        return low < values.count && values[low] < upper
    }

    enum CodingKeys: String, CodingKey {
        case count
        case totalMilliseconds = "total_ms"
        case longestMilliseconds = "longest_ms"
    }
}
