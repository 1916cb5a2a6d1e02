import Synchronization

/// A clock whose `sleep(until:)` returns at once after moving `now` to the deadline (plus an
/// optional overshoot), so the sender's deadline math runs 600 s of schedule in milliseconds.
final class SteppingClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let state = Mutex((now: Instant(offset: .zero), sleeps: 0))
    /// Extra time every sleep takes beyond its deadline, like a real scheduler's wake-up delay.
    let overshoot: Duration

    init(overshoot: Duration = .zero) { self.overshoot = overshoot }

    var now: Instant { state.withLock { $0.now } }
    var minimumResolution: Duration { .nanoseconds(1) }
    var sleepCount: Int { state.withLock { $0.sleeps } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        state.withLock {
            $0.sleeps += 1
            if deadline > $0.now { $0.now = deadline.advanced(by: overshoot) }
        }
    }
}
