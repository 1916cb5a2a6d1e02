/// Late loss against playout delay: for each candidate delay D, the share of SENT packets that
/// arrived later than send + minimum one-way delay + D (packets that never arrived are lost, not
/// late, and are not counted here: no playout delay can bring them back).
public struct DeadlineSweep: Sendable, Equatable {
    /// Default sweep bounds of `jitterbug compare`, milliseconds.
    public static let defaultFromMilliseconds = 20.0
    public static let defaultToMilliseconds = 1000.0
    public static let defaultStepMilliseconds = 10.0
    /// At most this many delays in one sweep (keeps a mistyped step from exhausting memory).
    public static let maximumPointCount = 100_000

    /// One delay per point, ascending; late loss is non-increasing along the array.
    public var points: [DeadlinePoint]

    /// Sweeps D = from, from + step, … ≤ to (milliseconds, relative to the minimum one-way delay).
    /// Throws when a bound is negative or not finite, from > to, step ≤ 0, or the grid is too large.
    public init(
        measurement: PathMeasurement,
        fromMilliseconds: Double = DeadlineSweep.defaultFromMilliseconds,
        toMilliseconds: Double = DeadlineSweep.defaultToMilliseconds,
        stepMilliseconds: Double = DeadlineSweep.defaultStepMilliseconds
    ) throws(CompareError) {
        guard fromMilliseconds.isFinite, toMilliseconds.isFinite, fromMilliseconds >= 0, toMilliseconds >= fromMilliseconds else {
            throw .invalidDelay("sweep from \(fromMilliseconds) ms to \(toMilliseconds) ms")
        }
        guard stepMilliseconds.isFinite, stepMilliseconds > 0 else { throw .invalidDelay("sweep step \(stepMilliseconds) ms") }
        // The small epsilon keeps `to` itself in the grid despite binary rounding (20 + 98 · 10).
        let steps = ((toMilliseconds - fromMilliseconds) / stepMilliseconds + 1e-9).rounded(.down)
        guard steps < Double(Self.maximumPointCount) else { throw .invalidDelay("sweep has more than \(Self.maximumPointCount) points") }
        let excess = Self.sortedExcessDelaysMicroseconds(measurement)
        let sent = measurement.packetsSent
        points = (0...Int(steps)).map { step in
            let delay = fromMilliseconds + Double(step) * stepMilliseconds
            let late = Self.lateCount(sortedExcessMicroseconds: excess, playoutDelayMicroseconds: Self.microseconds(delay))
            return DeadlinePoint(delayMilliseconds: delay, lateLossPercent: sent > 0 ? Double(late) * 100 / Double(sent) : 0)
        }
    }

    /// The smallest swept delay whose late loss is ≤ `lateLossPercent`; `nil` when none is.
    public func smallestDelayMilliseconds(forLateLossPercent lateLossPercent: Double) -> Double? {
        points.first { $0.lateLossPercent <= lateLossPercent }?.delayMilliseconds
    }

    /// One-way delay above the fastest packet's, for every packet that arrived, ascending (µs).
    static func sortedExcessDelaysMicroseconds(_ measurement: PathMeasurement) -> [Int64] {
        let delays = (0..<measurement.packetsSent).compactMap { measurement.oneWayDelayMicroseconds(at: $0) }
        guard let minimum = delays.min() else { return [] }
        return delays.map { $0 - minimum }.sorted()
    }

    /// Packets whose excess delay is strictly greater than the playout delay (binary search).
    static func lateCount(sortedExcessMicroseconds excess: [Int64], playoutDelayMicroseconds: Int64) -> Int {
        var low = 0
        var high = excess.count
        while low < high {
            let middle = (low + high) / 2
            if excess[middle] <= playoutDelayMicroseconds { low = middle + 1 } else { high = middle }
        }
        return excess.count - low
    }

    /// Milliseconds to whole microseconds (callers have checked the value is finite and ≥ 0).
    static func microseconds(_ milliseconds: Double) -> Int64 {
        Int64((min(milliseconds, 9e12) * 1000).rounded())
    }
}

/// Late loss at one playout delay.
public struct DeadlinePoint: Sendable, Equatable, Codable {
    /// Playout delay above the minimum one-way delay, milliseconds.
    public var delayMilliseconds: Double
    /// Late packets as a percentage of packets sent, 0…100.
    public var lateLossPercent: Double

    public init(delayMilliseconds: Double, lateLossPercent: Double) {
        self.delayMilliseconds = delayMilliseconds
        self.lateLossPercent = lateLossPercent
    }

    enum CodingKeys: String, CodingKey {
        case delayMilliseconds = "delay_ms"
        case lateLossPercent = "late_loss_percent"
    }
}
