/// Absolute send deadlines for `streams` streams of `rate` packets/s each, merged into one
/// schedule, and the decision of what to send at a given moment.
///
/// Stream `s` sends its packet `k` at `k / rate + s / (streams × rate)` after the start: the
/// streams are staggered evenly, so merged packet `g` (stream `g % streams`, its packet
/// `g / streams`) is due at exactly `g / (streams × rate)`, computed from `g` in 128-bit integer
/// nanoseconds rather than by adding sleeps; a late wake-up never accumulates into drift.
/// When the sender wakes late, every packet due by then is sent at once, in batches of at most
/// ``maxBatch`` (one vector write each), rather than sleeping again. A dense schedule is woken
/// for at most once per ``wakeGranularity``: each wake-up is a context switch (or three: the
/// timer thread, the task's thread, the event loop), and at 1,000 streams × 50 packets/s one
/// per packet cost the sender more than a core of this 2-core machine.
public struct PacketPacer: Sendable, Equatable {
    /// What to do at a moment of the run.
    public enum Step: Sendable, Equatable {
        /// Send the next `packets` packets of the merged schedule now, in one write.
        case send(packets: Int)
        /// Nothing is due: sleep until this offset from the start (the next packet's deadline,
        /// or ``PacketPacer/wakeGranularity`` from now if that is later).
        case wait(until: Duration)
        /// Every packet of the run has been sent.
        case finished
    }

    public let streams: Int
    /// Shortest sleep when the next packet is due sooner: packets then leave up to this late
    /// (plus the timer's own overshoot), together with those due in the meantime. A schedule
    /// sparser than this (one stream at 50 packets/s) sleeps to each deadline exactly.
    public static let wakeGranularity = Duration.microseconds(200)
    /// Packets per batched write, at least 1.
    public let maxBatch: Int
    /// Packets due before the run's end: those with a deadline earlier than the duration.
    public let totalPackets: Int
    /// Packets handed out by ``step(at:)`` so far: the next one to send is packet `sent`.
    public private(set) var sent = 0
    /// The merged schedule is `packetsPerPeriod` packets per `periodNanoseconds`, i.e.
    /// packet g is due at ⌊g × periodNanoseconds / packetsPerPeriod⌋ ns.
    let periodNanoseconds: UInt64
    let packetsPerPeriod: UInt64

    /// `streams` streams (at least 1) of `rate` packets/s each for `duration`.
    public init(streams: Int, rate: PacketRate, duration: Duration, maxBatch: Int = 64) {
        // rate in mHz = packets per 10^12 ns, per stream.
        self.init(
            streams: streams, packets: UInt64(rate.millihertz), perNanoseconds: 1_000_000_000_000, duration: duration,
            maxBatch: maxBatch)
    }

    /// `streams` streams (at least 1) of one packet per `interval` each (e.g. one per 20 ms frame)
    /// for `duration`; an interval under 1 ns counts as 1 ns.
    public init(streams: Int, onePer interval: Duration, duration: Duration, maxBatch: Int = 64) {
        self.init(
            streams: streams, packets: 1, perNanoseconds: UInt64(max(1, interval.wholeNanoseconds)), duration: duration,
            maxBatch: maxBatch)
    }

    private init(streams: Int, packets: UInt64, perNanoseconds period: UInt64, duration: Duration, maxBatch: Int) {
        let streams = max(1, streams)
        self.streams = streams
        self.maxBatch = max(1, maxBatch)
        periodNanoseconds = period
        packetsPerPeriod = packets * UInt64(streams)
        let end = duration.wholeNanoseconds
        totalPackets = end <= 0 ? 0 : Self.count(dueBy: UInt64(end - 1), period: period, packets: packetsPerPeriod)
    }

    /// Offset from the start at which merged packet `index` is due (rounded down to the ns).
    public func deadline(ofPacket index: Int) -> Duration {
        let (high, low) = UInt64(max(0, index)).multipliedFullWidth(by: periodNanoseconds)
        guard high < packetsPerPeriod else { return .seconds(Int64.max / 2) }
        let nanoseconds = packetsPerPeriod.dividingFullWidth((high, low)).quotient
        return .nanoseconds(Int64(clamping: nanoseconds))
    }

    /// How many packets of the merged schedule are due at `elapsed` after the start (those whose
    /// deadline is at or before it), not capped at ``totalPackets``.
    public func dueCount(at elapsed: Duration) -> Int {
        let nanoseconds = elapsed.wholeNanoseconds
        guard nanoseconds >= 0 else { return 0 }
        return Self.count(dueBy: UInt64(nanoseconds), period: periodNanoseconds, packets: packetsPerPeriod)
    }

    /// What to do at `elapsed` after the start: send what is due (up to ``maxBatch``), or wait
    /// for the next deadline, or stop.
    public mutating func step(at elapsed: Duration) -> Step {
        guard sent < totalPackets else { return .finished }
        let due = min(dueCount(at: elapsed), totalPackets)
        guard due > sent else { return .wait(until: max(deadline(ofPacket: sent), elapsed + Self.wakeGranularity)) }
        let packets = min(due - sent, maxBatch)
        sent += packets
        return .send(packets: packets)
    }

    /// Packets g ≥ 0 with ⌊g × period / packets⌋ ≤ t, i.e. g × period < (t + 1) × packets:
    /// ⌈(t + 1) × packets / period⌉.
    static func count(dueBy nanoseconds: UInt64, period: UInt64, packets: UInt64) -> Int {
        let (high, low) = (nanoseconds + 1).multipliedFullWidth(by: packets)
        guard high < period else { return Int.max }
        let (quotient, remainder) = period.dividingFullWidth((high, low))
        let count = remainder == 0 ? quotient : quotient + 1
        return Int(clamping: count)
    }
}

extension Duration {
    /// The whole duration in nanoseconds (truncated), saturating at the `Int64` range.
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        let (sum, overflow2) = product.addingReportingOverflow(attoseconds / 1_000_000_000)
        guard !overflow2 else { return seconds < 0 ? .min : .max }
        return sum
    }
}
