/// Adaptive jitter buffer (NetEq's job, without the decoder): packets in, one playout decision per
/// tick out. Pure: no clock, sockets or randomness — the caller passes arrival and tick times
/// (`Duration` offsets from its monotonic origin).
///
/// Playout model (audio): frame with RTP timestamp `ts` plays at the tick where the timeline
/// position `nextTs` reaches it, i.e. at local time `mediaTime(ts) + P`, where the playout offset
/// `P = tick − mediaTime(nextTs)`. The *current delay* is `P − baseline`, baseline being the
/// smallest `arrival − mediaTime` of the last 2 s (the fastest recent packet). The timeline
/// advances one frame per tick; the delay changes one frame at a time: a tick that does not
/// advance (comfort silence in a DTX gap, else a `.stretch` concealment) grows it; advancing two
/// frames (in a DTX gap, else discarding one frame, at most one per `shrinkIntervalFrames` ticks)
/// shrinks it. Clock drift moves the baseline, so it is absorbed by the same one-frame steps.
/// A packet whose slot has passed when it arrives is late (conceal reason `.late`).
///
/// With ``enableTimeScaling()`` (decoded audio, #16) the player moves the delay by pitch periods
/// instead: it reads ``delayErrorNanoseconds`` after each played frame, shortens or lengthens
/// that frame, and reports it with ``recordTimeScaling(samplesPerChannel:sampleRate:)``, which
/// moves the next tick. Whole-frame steps remain for large errors only (see
/// ``enableTimeScaling()``), and the first second starts from the first packets' spread.
public struct JitterBuffer: Sendable {
    /// The validated configuration.
    public let configuration: JitterBufferConfiguration
    /// Outcome counts; `ledger.isBalanced` holds after every call.
    public internal(set) var ledger = JitterBufferLedger()

    var ring: PacketRing
    var estimator: DelayEstimator
    let frameNanoseconds: Int64
    let samplesPerFrame: Int64
    let timestampTolerance: Int64
    // The configuration's durations in ns, read on every packet and tick (a `Duration`'s
    // conversion costs 128-bit arithmetic each time).
    let initialDelayNanoseconds: Int64
    let minimumDelayNanoseconds: Int64
    let maximumDelayNanoseconds: Int64
    let fixedDelayNanoseconds: Int64?
    let capacityDurationNanoseconds: Int64
    let fadeAfterNanoseconds: Int64

    // Stream identity and sequence bookkeeping (extended, monotonic numbers).
    var ssrc: UInt32?
    var timestampBase: Int64 = 0
    var nextSequence: Int64 = 0
    var highestSequence: Int64 = 0
    var highestTimestamp: Int64 = 0
    var bufferedCount = 0
    /// Whether any sequence number of this stream has been resolved (the range can then no longer
    /// be widened backwards by a reordered packet arriving before playout starts).
    var resolvedAny = false
    var probation: [(packet: JitterBufferPacket, reason: InsertOutcome.Rejection)] = []

    // Timeline.
    var started = false
    var nextTimestamp: Int64 = 0
    var baselineNanoseconds: Int64 = 0
    var lastArrivalNanoseconds: Int64 = .min
    var lastReorderNanoseconds: Int64 = .min
    var lastTickNanoseconds: Int64?
    var lastCurrentDelayNanoseconds: Int64 = 0
    /// The delay of the last frame played from its packet (ns); nil before one played.
    var lastPlayedDelayNanoseconds: Int64?
    var minimumCurrentDelayNanoseconds: Int64?
    var ticksSinceShrink = Int.max / 2
    var tickCount: Int64 = 0
    var lastWasSilence = false
    var telemetryOffsetNanoseconds: Int64?
    var lateQueue: [JitterBufferPacket] = []

    // Time-scaling (audio mode, when the player reports it; see JitterBuffer+TimeScaling).
    var timeScalingEnabled = false
    /// Consecutive ticks that held their slot on an underrun (time-scaling only; `decide(now:)`).
    var heldOnUnderrunTicks = 0
    /// Sequence gaps opened by a packet past the highest (time-scaling only): when a reordered
    /// packet fills one, how long it was overtaken for (``DelayEstimator``'s tail guard).
    var recentGaps = SequenceGaps()
    var lastTargetNanoseconds: Int64 = 0
    var timeScaling = TimeScalingCounts()
    /// Largest delay above the fastest packet among the first second's arrivals, ns (start-up).
    var startupSpreadNanoseconds: Int64 = 0

    // Concealment statistics.
    var concealmentRun = 0
    var concealmentRunStart: Int64 = 0
    /// The last ``concealmentEventsKept`` concealment events, a ring from `concealmentEventsStart`.
    var concealmentEvents: [JitterBufferSnapshot.ConcealmentEvent] = []
    var concealmentEventsStart = 0
    static let concealmentEventsKept = 64
    var concealmentEventCount: Int64 = 0
    var concealmentTotalNanoseconds: Int64 = 0
    /// The target once a second, oldest first from `targetHistoryStart` once full: a ring of
    /// ``targetHistoryCapacity`` entries (10 minutes), so recording shifts nothing. Grows with
    /// the stream's age: 16 bytes a second, at most 9.6 KB.
    var targetHistory: [(nanoseconds: Int64, milliseconds: Double)] = []
    var targetHistoryStart = 0
    static let targetHistoryCapacity = 600

    /// Creates a buffer; throws if the configuration is outside its limits.
    public init(configuration: JitterBufferConfiguration = .init()) throws(JitterBufferConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
        ring = PacketRing(minimumSize: configuration.capacityPackets * 2)
        estimator = DelayEstimator(
            quantile: configuration.quantile, forget: configuration.forgetFactor,
            guardQuantile: configuration.tailGuardQuantile, guardForget: configuration.tailGuardForgetFactor,
            maximumDelayNanoseconds: configuration.maximumDelay.nanoseconds)
        frameNanoseconds = configuration.frameDuration.nanoseconds
        samplesPerFrame = Int64(configuration.samplesPerFrame)
        let rate = Int64(configuration.clockRate)
        timestampTolerance = configuration.timestampTolerance.nanoseconds / 1_000_000 * rate / 1_000
        initialDelayNanoseconds = configuration.initialDelay.nanoseconds
        minimumDelayNanoseconds = configuration.minimumDelay.nanoseconds
        maximumDelayNanoseconds = configuration.maximumDelay.nanoseconds
        fixedDelayNanoseconds = configuration.fixedDelay?.nanoseconds
        capacityDurationNanoseconds = configuration.capacityDuration.nanoseconds
        fadeAfterNanoseconds = configuration.fadeAfter.nanoseconds
    }

    /// Packets stored and not yet played.
    public var packetsBuffered: Int { bufferedCount }

    /// Local time of the next `pop` in audio mode: playout start before it has started, then the
    /// last tick + one frame. Nil while nothing is buffered before start.
    public var nextPlayoutTime: Duration? {
        nextPlayoutNanoseconds.map { .nanoseconds($0) }
    }

    /// ``nextPlayoutTime`` in ns since the caller's origin (the form replays use: no `Duration`
    /// arithmetic per tick).
    public var nextPlayoutNanoseconds: Int64? {
        if let lastTickNanoseconds, started { return lastTickNanoseconds + frameNanoseconds }
        return startTime()
    }

    /// ``nextPlayoutNanoseconds`` for a caller that holds the buffer mutably (a replay's tick
    /// loop): a getter read there made Swift copy the whole buffer (~1 KB) on every tick; an
    /// `inout` call passes it by address.
    public mutating func nextPlayoutNanosecondsInPlace() -> Int64? {
        // Not `nextPlayoutNanoseconds`: calling the getter from here copies the buffer again.
        if let lastTickNanoseconds, started { return lastTickNanoseconds + frameNanoseconds }
        return startTime()
    }

    /// Start-up floor with time-scaling, frames: one frame of delay cannot absorb an outlier
    /// among the first packets, whose spread is not known yet; accelerating the excess away
    /// after the first second costs a few periods.
    static let startupFloorFrames: Int64 = 2

    /// Start-up margin with time-scaling: the target is the first n packets' spread
    /// × (1 + `startupMarginNumerator` / √n), wide while few packets are known.
    static let startupMarginNumerator = 4.0

    /// Start-up target with time-scaling (ns): the first packets' spread with a margin for the
    /// tail not yet seen, shrinking as packets arrive (5× after one packet, 1.57× after 49).
    @inline(__always) func startupTargetNanoseconds() -> Int64 {
        let n = Double(max(1, estimator.samples))
        return Int64(Double(startupSpreadNanoseconds) * (1 + Self.startupMarginNumerator / n.squareRoot()))
    }

    /// Target delay the estimator asks for now (ns), after the configured bounds.
    @inline(__always) func targetDelayNanoseconds(now: Int64) -> Int64 {
        if let fixed = fixedDelayNanoseconds { return fixed }
        // Until one second of samples exists the quantile is noise: the initial delay is a floor.
        var target = estimator.quantileNanoseconds ?? 0
        if estimator.samples < 50 {
            target = max(target, initialDelayNanoseconds)
            // Start-up with time-scaling: the first packets' spread with a margin for the tail
            // not yet seen, so the buffer grows (by expand) before frames come late.
            if timeScalingEnabled { target = max(target, startupTargetNanoseconds(), Self.startupFloorFrames * frameNanoseconds) }
        }
        // With time-scaling, at least one frame: an underrun is held (concealed) rather than
        // lost, so a target below a frame would trade delay for frequent concealment (the
        // loopback trace: 2.4 ms delay with 2.3 % of the time concealed; one frame: 20 ms, 0.03 %).
        if timeScalingEnabled { target = max(target, frameNanoseconds) }
        // Reordering seen in the last 10 s: keep a quarter frame extra so swapped pairs still fit.
        if lastReorderNanoseconds != .min, now - lastReorderNanoseconds < 10_000_000_000 {
            target += frameNanoseconds / 4
        }
        return min(max(target, minimumDelayNanoseconds), maximumDelayNanoseconds)
    }

    /// Media time (ns since the stream's first timestamp) of an extended RTP timestamp.
    @inline(__always) func mediaNanoseconds(_ timestamp: Int64) -> Int64 {
        let rate = Int64(configuration.clockRate)
        let delta = timestamp - timestampBase
        return delta / rate * 1_000_000_000 + delta % rate * 1_000_000_000 / rate
    }

    /// When playout may start: head frame's media time + baseline + target delay.
    @inline(__always) func startTime() -> Int64? {
        guard ssrc != nil, let head = headTimestamp() else { return nil }
        return mediaNanoseconds(head) + baselineNanoseconds + targetDelayNanoseconds(now: lastArrivalNanoseconds)
    }

    /// Timestamp of the frame at `nextSequence`: its own, or implied by the next buffered packet.
    @inline(__always) func headTimestamp() -> Int64? {
        if let head = ring.packet(at: nextSequence) { return head.timestamp }
        guard let (sequence, timestamp) = nextBuffered(after: nextSequence) else { return nil }
        return timestamp - (sequence - nextSequence) * samplesPerFrame
    }

    /// Lowest buffered sequence number above `sequence` and its timestamp.
    @inline(__always) func nextBuffered(after sequence: Int64) -> (sequence: Int64, timestamp: Int64)? {
        guard bufferedCount > 0, sequence < highestSequence else { return nil }
        var candidate = sequence + 1
        while candidate <= highestSequence {
            if let found = ring.packet(at: candidate) { return (candidate, found.timestamp) }
            candidate += 1
        }
        return nil
    }

    /// Resolves `nextSequence` with `outcome` and moves past it.
    mutating func resolveNext(as outcome: SlotOutcome) {
        if ring.resolve(nextSequence, as: outcome) { bufferedCount -= 1 }
        ledger.record(outcome)
        resolvedAny = true
        if outcome == .concealedLate { ledger.lateArrivals += 1 }
        nextSequence += 1
        assert(ledger.isBalanced, "jitter buffer ledger out of balance")
    }

    /// End of stream: every pending sequence number (buffered or missing) is resolved as flushed.
    public mutating func finish() {
        flushPending()
    }

    /// Resolves everything from `nextSequence` through `highestSequence` as flushed.
    mutating func flushPending() {
        while ssrc != nil, nextSequence <= highestSequence {
            resolveNext(as: .flushedOnReset)
        }
    }
}
