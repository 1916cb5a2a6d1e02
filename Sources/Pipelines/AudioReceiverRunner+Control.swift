import Reports

extension AudioReceiverRunner {
    /// The run's control task: closes intervals (merging the shards' records and figures) and
    /// ends the run on the stop condition (duration, idle) or once the primary stream's sender
    /// said BYE and no other stream plays (after `drainAfterGoodbye`). While any shard holds a
    /// stream it checks every 10 ms; with none it sleeps until the next interval or deadline,
    /// and a shard's first stream wakes it.
    static func runControl(
        shards: [ReceiverShard], start: ContinuousClock.Instant, stop: ReceiverStopCondition,
        options: ReceiverRunOptions, control: WakeSignal
    ) async throws {
        let clock = ContinuousClock()
        var nextInterval = options.interval
        var goodbyeAt: Duration?
        while true {
            let now = start.duration(to: clock.now)
            if let due = nextInterval, now >= due, let every = options.interval {
                let closed = closeInterval(shards, now: now, withSummary: options.onSummary != nil)
                if let record = closed.record { options.onInterval?(record) }
                if let summary = closed.summary { options.onSummary?(summary) }
                nextInterval = due + every
            }
            let primary = shards[ReceiverShards.primaryShard(startNumbers: shards.map { $0.primaryStartNumber })]
            let playing = shards.reduce(0) { $0 + $1.activeStreams }
            // The primary stream's BYE ends the run once no other stream is playing.
            if primary.primaryEnded, playing <= 1, goodbyeAt == nil { goodbyeAt = now }
            if let goodbyeAt, now - goodbyeAt >= options.drainAfterGoodbye { return }
            let published = latestArrival(shards.map(\.lastArrival))
            // Published figures can trail a shard's queue by one round: confirm with the cores.
            if stop.shouldStop(now: now, lastArrival: published),
                stop.shouldStop(now: now, lastArrival: exactLastArrival(shards, now: now))
            {
                return
            }
            let holdsStreams = shards.contains { $0.tableStreams > 0 }
            var wake = now + (holdsStreams ? .milliseconds(10) : .seconds(3600))
            if let nextInterval { wake = min(wake, nextInterval) }
            if let duration = stop.duration { wake = min(wake, duration) }
            if let idle = stop.idle, let published { wake = min(wake, published + idle) }
            if let goodbyeAt { wake = min(wake, goodbyeAt + options.drainAfterGoodbye) }
            let deadline = start.advanced(by: max(wake, now + .microseconds(500)))
            if holdsStreams {
                try await clock.sleep(until: deadline)
            } else {
                await control.wait(until: deadline)
                try Task.checkCancellation()
            }
        }
    }

    private static func latestArrival(_ arrivals: [Duration?]) -> Duration? {
        arrivals.reduce(nil) { latest, next in
            guard let next else { return latest }
            return latest.map { max($0, next) } ?? next
        }
    }

    /// The last arrival as the cores know it; `now` while a shard still has datagrams queued.
    private static func exactLastArrival(_ shards: [ReceiverShard], now: Duration) -> Duration? {
        if shards.contains(where: { $0.queuedCount > 0 }) { return now }
        return latestArrival(shards.map { shard in shard.core.withLock { $0.lastArrival } })
    }
}
