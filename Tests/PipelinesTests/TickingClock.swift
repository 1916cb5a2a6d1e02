/// A ``SteppingClock`` that calls `onTick` with the new time after every sleep, so a fake
/// network can act at the times the pipeline wakes (send receiver reports, drop a connection).
struct TickingClock: Clock {
    typealias Instant = SteppingClock.Instant
    let base = SteppingClock()
    let onTick: @Sendable (Duration) -> Void

    var now: Instant { base.now }
    var minimumResolution: Duration { base.minimumResolution }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try await base.sleep(until: deadline, tolerance: tolerance)
        onTick(base.now.offset)
    }
}
