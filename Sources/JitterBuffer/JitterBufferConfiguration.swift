/// Tuning and limits of a ``JitterBuffer``. All durations are `Duration`s; the buffer converts them
/// to nanoseconds internally.
public struct JitterBufferConfiguration: Sendable, Equatable {
    /// What the buffer hands back from ``JitterBuffer/pop(now:)``.
    public enum Mode: Sendable, Equatable {
        /// One ``PlayoutFrame`` per playout tick for an audio decoder (play, FEC, PLC, comfort silence).
        case audio
        /// In-order ``PlayoutFrame/deliver(_:late:)`` and ``PlayoutFrame/missing(sequenceNumbers:)``
        /// with the same adaptive deadline; `deliverLate` hands late packets over flagged as late
        /// instead of dropping them.
        case telemetry(deliverLate: Bool)
    }

    /// RTP clock rate in Hz (48 000 for Opus). Limits: 1 000 ... 1 000 000.
    public var clockRate: Int
    /// Media duration of one packet and one playout tick (20 ms default). Limits: 2.5 ms ... 120 ms.
    public var frameDuration: Duration
    /// Quantile of the relative-delay distribution used as target (0.95 default). Limits: 0.5 ... 0.9999.
    public var quantile: Double
    /// Lower bound of the adaptive target delay (0 ms default, `--jitter-min`).
    public var minimumDelay: Duration
    /// Upper bound of the adaptive target delay (500 ms default, `--jitter-max`). Limit: ≤ 10 s.
    public var maximumDelay: Duration
    /// When set, adaptation is off and the target delay is this value (`--jitter-fixed`).
    public var fixedDelay: Duration?
    /// Target delay used before any statistics exist (40 ms default), clamped to the bounds.
    public var initialDelay: Duration
    /// Maximum number of buffered packets (256 default). Limits: 4 ... 4096.
    public var capacityPackets: Int
    /// Longest a packet may wait in the buffer, on the arrival clock (2 s default): when the oldest
    /// buffered packet has waited longer, it is dropped and counted. Limit: ≥ 2 frames.
    public var capacityDuration: Duration
    /// Audio or telemetry delivery.
    public var mode: Mode
    /// Continuous concealment fades its gain from 1 to 0 over this duration (100 ms default).
    public var fadeAfter: Duration
    /// Per-packet forgetting factor of the delay histogram (0.9983 default: ~12 s memory at 20 ms).
    public var forgetFactor: Double
    /// Tail guard: this higher quantile over a longer memory also bounds the target from below, so
    /// recurring spikes and reordering (the top few % the main quantile ignores) stay covered and
    /// late loss stays near 1 − this value (0.995 default; nil turns the guard off).
    public var tailGuardQuantile: Double?
    /// Per-packet forgetting factor of the tail guard in whole-frame playout (0.99933 default:
    /// ~30 s memory at 20 ms; see ``timeScaledTailGuardForgetFactor`` for time-scaled playout).
    public var tailGuardForgetFactor: Double
    /// The tail guard's forgetting factor once time-scaling is on (0.9998 default: ~100 s at
    /// 20 ms). There the guard counts only packets that could be late (overtaken ones), a few
    /// per second of a heavy tail: over ~30 s its 99.5 % quantile was noisy enough to cost 0.02
    /// of delay on Pareto jitter (7 seeds, BENCHMARKS.md). An isolated spike adds only the few
    /// packets it reorders, so it does not keep the delay up for the longer memory, as it would
    /// in whole-frame playout, where every packet counts.
    public var timeScaledTailGuardForgetFactor: Double
    /// At most one frame is discarded to shrink the delay per this many ticks (10 default).
    public var shrinkIntervalFrames: Int
    /// A packet whose timestamp deviates from the one implied by its sequence number by more than
    /// this is suspect (far past / far future) until confirmed by two followers (5 s default;
    /// Opus DTX keeps this under 0.4 s per packet). Limit: ≥ 1 s.
    public var timestampTolerance: Duration

    /// Creates a configuration; every parameter has the documented default.
    public init(
        clockRate: Int = 48_000,
        frameDuration: Duration = .milliseconds(20),
        quantile: Double = 0.95,
        minimumDelay: Duration = .zero,
        maximumDelay: Duration = .milliseconds(500),
        fixedDelay: Duration? = nil,
        initialDelay: Duration = .milliseconds(40),
        capacityPackets: Int = 256,
        capacityDuration: Duration = .seconds(2),
        mode: Mode = .audio,
        fadeAfter: Duration = .milliseconds(100),
        forgetFactor: Double = 0.9983,
        tailGuardQuantile: Double? = 0.995,
        tailGuardForgetFactor: Double = 0.99933,
        timeScaledTailGuardForgetFactor: Double = 0.9998,
        shrinkIntervalFrames: Int = 10,
        timestampTolerance: Duration = .seconds(5)
    ) {
        self.clockRate = clockRate
        self.frameDuration = frameDuration
        self.quantile = quantile
        self.minimumDelay = minimumDelay
        self.maximumDelay = maximumDelay
        self.fixedDelay = fixedDelay
        self.initialDelay = initialDelay
        self.capacityPackets = capacityPackets
        self.capacityDuration = capacityDuration
        self.mode = mode
        self.fadeAfter = fadeAfter
        self.forgetFactor = forgetFactor
        self.tailGuardQuantile = tailGuardQuantile
        self.tailGuardForgetFactor = tailGuardForgetFactor
        self.timeScaledTailGuardForgetFactor = timeScaledTailGuardForgetFactor
        self.shrinkIntervalFrames = shrinkIntervalFrames
        self.timestampTolerance = timestampTolerance
    }

    /// RTP timestamp units per frame: `clockRate × frameDuration` (960 for 48 kHz, 20 ms).
    public var samplesPerFrame: Int {
        Int(frameDuration.nanoseconds * Int64(clockRate) / 1_000_000_000)
    }

    /// Checks every limit documented on the properties.
    public func validate() throws(JitterBufferConfigurationError) {
        guard (1_000...1_000_000).contains(clockRate) else { throw .invalid("clockRate \(clockRate) Hz") }
        guard frameDuration >= .microseconds(2_500), frameDuration <= .milliseconds(120) else {
            throw .invalid("frameDuration \(frameDuration)")
        }
        guard samplesPerFrame >= 1 else { throw .invalid("frameDuration shorter than one sample") }
        guard quantile >= 0.5, quantile <= 0.9999 else { throw .invalid("quantile \(quantile)") }
        guard minimumDelay >= .zero, minimumDelay <= maximumDelay, maximumDelay <= .seconds(10) else {
            throw .invalid("delay bounds \(minimumDelay)...\(maximumDelay)")
        }
        if let fixedDelay, fixedDelay < .zero || fixedDelay > .seconds(10) {
            throw .invalid("fixedDelay \(fixedDelay)")
        }
        guard (4...4096).contains(capacityPackets) else { throw .invalid("capacityPackets \(capacityPackets)") }
        guard capacityDuration >= frameDuration * 2 else { throw .invalid("capacityDuration \(capacityDuration)") }
        guard fadeAfter > .zero else { throw .invalid("fadeAfter \(fadeAfter)") }
        guard forgetFactor > 0.9, forgetFactor < 1 else { throw .invalid("forgetFactor \(forgetFactor)") }
        if let tailGuardQuantile, tailGuardQuantile < 0.5 || tailGuardQuantile > 0.9999 {
            throw .invalid("tailGuardQuantile \(tailGuardQuantile)")
        }
        guard tailGuardForgetFactor > 0.9, tailGuardForgetFactor < 1 else {
            throw .invalid("tailGuardForgetFactor \(tailGuardForgetFactor)")
        }
        guard timeScaledTailGuardForgetFactor > 0.9, timeScaledTailGuardForgetFactor < 1 else {
            throw .invalid("timeScaledTailGuardForgetFactor \(timeScaledTailGuardForgetFactor)")
        }
        guard (1...1000).contains(shrinkIntervalFrames) else {
            throw .invalid("shrinkIntervalFrames \(shrinkIntervalFrames)")
        }
        guard timestampTolerance >= .seconds(1) else { throw .invalid("timestampTolerance \(timestampTolerance)") }
    }
}

/// A configuration value outside its documented limits.
public enum JitterBufferConfigurationError: Error, Equatable, Sendable {
    /// Which parameter was wrong and its value.
    case invalid(String)
}

extension Duration {
    /// Whole nanoseconds (saturating at ±9.2e18 ns ≈ ±292 years).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return product.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
