/// Capture times of a fixed-rate source: sample i is at `startMicroseconds + i / rate`,
/// computed from the index so there is no accumulated rounding drift.
public struct TelemetrySampleClock: Sendable, Hashable {
    /// Capture time of sample 0, µs since the Unix epoch.
    public let startMicroseconds: Int64
    public let rate: TelemetryRate
    /// Index of the next sample.
    public private(set) var nextIndex: Int64 = 0

    public init(startMicroseconds: Int64, rate: TelemetryRate) {
        self.startMicroseconds = startMicroseconds
        self.rate = rate
    }

    /// Capture time of sample `index` (saturating).
    public func captureMicroseconds(sampleIndex index: Int64) -> Int64 {
        let (sum, overflow) = startMicroseconds.addingReportingOverflow(rate.offsetMicroseconds(sampleIndex: index))
        return overflow ? .max : sum
    }

    /// Elapsed seconds from sample 0 to sample `index`.
    public func offsetSeconds(sampleIndex index: Int64) -> Double {
        Double(rate.offsetMicroseconds(sampleIndex: index)) / 1_000_000
    }

    /// Returns the next index and advances.
    public mutating func advance() -> Int64 {
        defer { nextIndex += 1 }
        return nextIndex
    }
}
