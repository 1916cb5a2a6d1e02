import JitterbugSupport

/// Turns cumulative receive counters into per-interval figures (packets, bytes, loss, kbit/s)
/// for the once-a-second interval line.
///
/// Feed it cumulative `Totals` at each interval boundary. If a counter goes backwards (the
/// statistics were restarted after a sender restart), the new totals are taken as the interval's
/// delta instead of producing negative figures.
public struct IntervalCounter: Sendable {
    /// Cumulative counters at one instant.
    public struct Totals: Sendable, Equatable, Hashable, Codable {
        /// Unique packets received.
        public var packets: UInt64
        /// Payload bytes received.
        public var payloadBytes: UInt64
        /// Packets expected (RFC 3550 A.3).
        public var expected: Int64
        /// Packets lost (expected − unique received, ≥ 0).
        public var lost: Int64

        public static let zero = Totals(packets: 0, payloadBytes: 0, expected: 0, lost: 0)

        public init(packets: UInt64, payloadBytes: UInt64, expected: Int64, lost: Int64) {
            self.packets = packets
            self.payloadBytes = payloadBytes
            self.expected = expected
            self.lost = lost
        }
    }

    /// Figures for one closed interval.
    public struct Interval: Sendable, Equatable, Hashable, Codable {
        /// Interval length in seconds (0 if the clock did not advance).
        public var durationSeconds: Double
        public var packets: UInt64
        public var payloadBytes: UInt64
        public var expected: Int64
        public var lost: Int64

        /// Payload bit rate in kbit/s (1 kbit = 1000 bit); 0 for a zero-length interval.
        public var payloadKilobitsPerSecond: Double {
            durationSeconds > 0 ? Double(payloadBytes) * 8 / 1_000 / durationSeconds : 0
        }

        /// Packets per second; 0 for a zero-length interval.
        public var packetsPerSecond: Double {
            durationSeconds > 0 ? Double(packets) / durationSeconds : 0
        }

        /// Loss in the interval as a percentage of expected (0...100); 0 if nothing was expected.
        public var lossPercent: Double {
            expected > 0 ? min(100, max(0, Double(lost) * 100 / Double(expected))) : 0
        }
    }

    private var startTime: Duration
    private var startTotals: Totals

    /// Starts the first interval at `start` with the given cumulative totals.
    public init(start: Duration, totals: Totals = .zero) {
        startTime = start
        startTotals = totals
    }

    /// Closes the current interval at `now`, returns its figures and starts the next one.
    public mutating func closeInterval(at now: Duration, totals: Totals) -> Interval {
        let restarted = totals.packets < startTotals.packets
            || totals.payloadBytes < startTotals.payloadBytes
            || totals.expected < startTotals.expected
        let base = restarted ? Totals.zero : startTotals
        let elapsed = now - startTime
        let interval = Interval(
            durationSeconds: max(0, elapsed.seconds),
            packets: totals.packets - base.packets,
            payloadBytes: totals.payloadBytes - base.payloadBytes,
            expected: totals.expected - base.expected,
            lost: max(0, totals.lost - base.lost)
        )
        startTime = now
        startTotals = totals
        return interval
    }
}
