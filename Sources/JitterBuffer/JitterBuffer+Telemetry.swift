extension JitterBuffer {
    /// Telemetry delivery: a packet is handed over as soon as everything before it is resolved;
    /// a missing sequence number is given up (``PlayoutFrame/missing(sequenceNumbers:)``) once its
    /// deadline — implied media time + playout offset — has passed. The offset is baseline +
    /// target delay; it rises at once and falls at most 1 ms per 10 ms of time.
    mutating func popTelemetry(now: Int64, deliverLate: Bool) -> PlayoutFrame? {
        if !lateQueue.isEmpty { return .deliver(lateQueue.removeFirst(), late: true) }
        guard ssrc != nil else { return nil }
        if !started {
            guard let start = startTime(), now >= start else { return nil }
            started = true
        }
        let offset = updateTelemetryOffset(now: now)
        if let head = ring.packet(at: nextSequence) {
            let deadline = mediaNanoseconds(head.timestamp) + offset
            let late = head.packet.arrivalNanoseconds > deadline
            if late && !deliverLate {
                let sequence = nextSequence
                resolveNext(as: .concealedLate)
                return .missing(sequenceNumbers: sequence...sequence)
            }
            resolveNext(as: late ? .concealedLate : .played)
            return .deliver(head.packet, late: late)
        }
        guard let follower = nextBuffered(after: nextSequence) else { return nil }
        let first = nextSequence
        while nextSequence < follower.sequence {
            let implied = follower.timestamp - (follower.sequence - nextSequence) * samplesPerFrame
            guard mediaNanoseconds(implied) + offset <= now else { break }
            resolveNext(as: .concealedLost)
        }
        return nextSequence > first ? .missing(sequenceNumbers: first...(nextSequence - 1)) : nil
    }

    private mutating func updateTelemetryOffset(now: Int64) -> Int64 {
        if let baseline = estimator.baseline(now: now) { baselineNanoseconds = baseline }
        let target = targetDelayNanoseconds(now: now)
        let desired = baselineNanoseconds + target
        let previousTick = lastTickNanoseconds ?? now
        var offset = telemetryOffsetNanoseconds ?? desired
        offset = desired >= offset ? desired : max(desired, offset - max(0, now - previousTick) / 10)
        telemetryOffsetNanoseconds = offset
        lastTickNanoseconds = now
        lastCurrentDelayNanoseconds = target
        minimumCurrentDelayNanoseconds = min(minimumCurrentDelayNanoseconds ?? target, target)
        return offset
    }
}
