/// The clock a ``SenderRunner`` gives its media sender: `base`, whose sleeps also run the
/// pipeline's periodic work (RTCP reports, fallback decisions, interval events, impairment
/// releases) at the times it asks for. So the media loop is the only task that sleeps, and a
/// stepping test clock runs a whole session deterministically.
package struct PacingClock<Base: Clock>: Clock where Base.Duration == Duration {
    package typealias Instant = Base.Instant

    let base: Base
    /// Does what is due now; returns how long until it wants to run again.
    let housekeeping: @Sendable () async throws -> Duration

    package var now: Instant { base.now }
    package var minimumResolution: Duration { base.minimumResolution }

    package func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        while true {
            let wait = try await housekeeping()
            let now = base.now
            guard now < deadline else { return }
            try await base.sleep(until: min(now.advanced(by: max(wait, .zero)), deadline), tolerance: tolerance)
        }
    }
}
