extension LatencyHistogram {
    /// A JSON-friendly snapshot of a `LatencyHistogram`; all values in milliseconds.
    public struct Summary: Sendable, Equatable, Hashable {
        /// Samples recorded.
        public var count: UInt64
        public var minimumMilliseconds: Double
        public var maximumMilliseconds: Double
        public var meanMilliseconds: Double
        public var p50Milliseconds: Double
        public var p90Milliseconds: Double
        public var p95Milliseconds: Double
        public var p99Milliseconds: Double
        public var p999Milliseconds: Double
        /// Samples that were negative and recorded as 0.
        public var negativeCount: UInt64
        /// Samples above 60 s that were recorded as 60 s.
        public var overflowCount: UInt64

        public init(
            count: UInt64, minimumMilliseconds: Double, maximumMilliseconds: Double, meanMilliseconds: Double,
            p50Milliseconds: Double, p90Milliseconds: Double, p95Milliseconds: Double, p99Milliseconds: Double,
            p999Milliseconds: Double, negativeCount: UInt64, overflowCount: UInt64
        ) {
            self.count = count
            self.minimumMilliseconds = minimumMilliseconds
            self.maximumMilliseconds = maximumMilliseconds
            self.meanMilliseconds = meanMilliseconds
            self.p50Milliseconds = p50Milliseconds
            self.p90Milliseconds = p90Milliseconds
            self.p95Milliseconds = p95Milliseconds
            self.p99Milliseconds = p99Milliseconds
            self.p999Milliseconds = p999Milliseconds
            self.negativeCount = negativeCount
            self.overflowCount = overflowCount
        }
    }
}

extension LatencyHistogram.Summary: Codable {}
