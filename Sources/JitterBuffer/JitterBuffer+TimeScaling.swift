extension JitterBuffer {
    /// Turns on time-scaling (audio mode): the player will shorten or lengthen frames by pitch
    /// periods and report each change with ``recordTimeScaling(samplesPerChannel:sampleRate:)``.
    /// The buffer then grows by a whole frame only when more than half a frame below target and
    /// discards a frame only when more than three frames above it. Ignored in telemetry mode.
    public mutating func enableTimeScaling() {
        if case .telemetry = configuration.mode { return }
        timeScalingEnabled = true
        estimator.guardMarginNanoseconds = frameNanoseconds
        estimator.setGuardForget(configuration.timeScaledTailGuardForgetFactor)
    }

    /// Whether ``enableTimeScaling()`` is in effect.
    public var isTimeScaling: Bool { timeScalingEnabled }

    /// Playout delay minus target delay at the last audio-mode decision, ns (positive: above
    /// target), including time-scaling reported since. 0 before playout.
    public var delayErrorNanoseconds: Int64 {
        started ? lastCurrentDelayNanoseconds - lastTargetNanoseconds : 0
    }

    /// Counts of the time-scaling reported so far.
    public var timeScalingCounts: TimeScalingCounts { timeScaling }

    /// Records that the frame just popped was played `samplesPerChannel` longer (positive,
    /// preemptive expand) or shorter (negative, accelerate) than a frame, at `sampleRate` Hz.
    /// The next tick moves by the same amount, and so does the playout delay.
    public mutating func recordTimeScaling(samplesPerChannel: Int, sampleRate: Int) {
        guard started, samplesPerChannel != 0, sampleRate > 0, let last = lastTickNanoseconds else { return }
        // Bounded to one frame either way: a larger report is a caller error, not a clock jump.
        let requested = Int64(samplesPerChannel) * 1_000_000_000 / Int64(sampleRate)
        let delta = min(max(requested, -frameNanoseconds), frameNanoseconds)
        lastTickNanoseconds = last + delta
        lastCurrentDelayNanoseconds += delta
        if delta < 0 {
            timeScaling.accelerateCount += 1
            timeScaling.acceleratedNanoseconds -= delta
        } else {
            timeScaling.expandCount += 1
            timeScaling.expandedNanoseconds += delta
        }
    }

    /// Adds the delay of a frame played from its packet to the mean (called on `.play`).
    mutating func recordPlayedDelay(_ delayNanoseconds: Int64) {
        timeScaling.playedDelaySumNanoseconds += delayNanoseconds
        lastPlayedDelayNanoseconds = delayNanoseconds
        timeScaling.playedFrames += 1
    }
}
