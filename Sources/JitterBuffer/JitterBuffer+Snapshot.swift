extension JitterBuffer {
    /// Statistics at this instant (cheap: O(history) copies, call about once per second).
    public var snapshot: JitterBufferSnapshot {
        let now = lastTickNanoseconds ?? lastArrivalNanoseconds
        let buffered: Double =
            started && bufferedCount > 0
            ? Double(max(0, mediaNanoseconds(highestTimestamp + samplesPerFrame) - mediaNanoseconds(nextTimestamp))) / 1e6
            : 0
        var events = Array(concealmentEvents[concealmentEventsStart...] + concealmentEvents[..<concealmentEventsStart])
        var eventCount = concealmentEventCount
        if concealmentRun > 0 {
            eventCount += 1
            events.append(
                .init(start: .nanoseconds(concealmentRunStart), duration: .nanoseconds(Int64(concealmentRun) * frameNanoseconds)))
        }
        return JitterBufferSnapshot(
            currentDelayMilliseconds: Double(lastCurrentDelayNanoseconds) / 1e6,
            playedDelayMilliseconds: Double(lastPlayedDelayNanoseconds ?? lastCurrentDelayNanoseconds) / 1e6,
            targetDelayMilliseconds: Double(targetDelayNanoseconds(now: now)) / 1e6,
            minimumDelayMilliseconds: Double(minimumCurrentDelayNanoseconds ?? 0) / 1e6,
            packetsBuffered: bufferedCount,
            bufferedMilliseconds: buffered,
            ledger: ledger,
            concealmentEventCount: eventCount,
            concealmentTotalDuration: .nanoseconds(concealmentTotalNanoseconds),
            recentConcealmentEvents: events.suffix(64),
            estimatedDriftPPM: estimator.driftPPM,
            targetDelayHistory: (targetHistory[targetHistoryStart...] + targetHistory[..<targetHistoryStart]).map {
                (time: Duration.nanoseconds($0.nanoseconds), milliseconds: $0.milliseconds)
            })
    }
}
