import Impairment
import JitterbugSupport
import Synchronization

/// Passes datagrams through a seeded ``ImpairmentEngine`` on their way out: each is dropped,
/// delivered now, or held and delivered later (delay, jitter, reorder, rate), possibly twice or
/// with a flipped bit. Used by `send --impair` and by the `impair` relay.
///
/// `submit` may be called from any task; ``run()`` must run alongside to release delayed
/// datagrams (it wakes at each release time, checking at least every millisecond for new ones).
public final class ImpairedLink: Sendable {
    /// Counters for summaries and tests.
    public struct Counters: Sendable, Equatable {
        public var submitted = 0
        public var delivered = 0
        public var dropped = 0
        public var duplicated = 0
        public var corrupted = 0
    }

    private struct State {
        var engine: ImpairmentEngine
        var queue = ImpairmentScheduler<[UInt8]>(capacity: 100_000)
        var counters = Counters()
        var finished = false
    }

    private let state: Mutex<State>
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private let label: String
    private let log: (@Sendable (String) -> Void)?
    private let deliver: @Sendable ([UInt8]) async throws -> Void

    /// - Parameters:
    ///   - engine: the seeded engine (one direction of a spec).
    ///   - label: written into each ground-truth line as `"path"` (e.g. `rtp`, `rtcp`).
    ///   - log: receives one JSON line (no newline) per submitted datagram: the ground truth.
    ///   - deliver: sends one datagram on.
    public init(
        engine: ImpairmentEngine,
        label: String = "rtp",
        start: ContinuousClock.Instant = ContinuousClock().now,
        log: (@Sendable (String) -> Void)? = nil,
        deliver: @escaping @Sendable ([UInt8]) async throws -> Void
    ) {
        self.state = Mutex(State(engine: engine))
        self.start = start
        self.label = label
        self.log = log
        self.deliver = deliver
    }

    public var counters: Counters { state.withLock { $0.counters } }

    /// Impairs one datagram sent now.
    public func submit(_ bytes: [UInt8]) async throws {
        try await submit(bytes, at: start.duration(to: clock.now))
    }

    /// Impairs one datagram sent at `now` (time since the link's start on the caller's clock):
    /// for a sender that runs ``releaseDue(now:)`` itself on an injected clock instead of ``run()``.
    package func submit(_ bytes: [UInt8], at now: Duration) async throws {
        let (immediate, groundTruth) = state.withLock { s -> ([[UInt8]], GroundTruthRecord) in
            let decision = s.engine.process(sendTime: now, sizeBytes: bytes.count)
            s.counters.submitted += 1
            if decision.isDropped { s.counters.dropped += 1 }
            if decision.isDuplicated { s.counters.duplicated += 1 }
            if decision.isCorrupted { s.counters.corrupted += 1 }
            var immediate: [[UInt8]] = []
            for delivery in decision.deliveries {
                let copy = delivery.corruption.map { $0.applied(to: bytes) } ?? bytes
                if delivery.deliverAt <= now {
                    immediate.append(copy)
                } else if !s.queue.push(copy, deliverAt: delivery.deliverAt) {
                    s.counters.dropped += 1
                }
            }
            s.counters.delivered += immediate.count
            return (immediate, decision.groundTruth)
        }
        if let log {
            // The label goes first so one log can hold several paths (rtp, rtcp).
            var line = JSONLine()
            line.add("path", label)
            line.append(contentsOf: groundTruth.jsonMembers)
            log(line.text)
        }
        for datagram in immediate { try await deliver(datagram) }
    }

    /// Releases held datagrams at their times until ``finish()`` is called and none are left.
    public func run() async throws {
        while true {
            let now = start.duration(to: clock.now)
            let (due, done, next) = state.withLock { s -> ([[UInt8]], Bool, Duration?) in
                let due = s.queue.popDue(now: now)
                s.counters.delivered += due.count
                return (due, s.finished && s.queue.isEmpty, s.queue.nextDeadline)
            }
            for datagram in due { try await deliver(datagram) }
            if done { return }
            let wake = min(next ?? now + .milliseconds(1), now + .milliseconds(1))
            try await clock.sleep(until: start.advanced(by: wake))
        }
    }

    /// Delivers the held datagrams due at `now` (time since the link's start on the caller's
    /// clock); returns when the next one is due, `nil` when none is held.
    package func releaseDue(now: Duration) async throws -> Duration? {
        let (due, next) = state.withLock { s -> ([[UInt8]], Duration?) in
            let due = s.queue.popDue(now: now)
            s.counters.delivered += due.count
            return (due, s.queue.nextDeadline)
        }
        for datagram in due { try await deliver(datagram) }
        return next
    }

    /// No more submissions: ``run()`` returns once the held datagrams are out.
    public func finish() {
        state.withLock { $0.finished = true }
    }
}
