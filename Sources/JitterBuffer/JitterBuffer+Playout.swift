extension JitterBuffer {
    /// Call once per frame tick (audio mode), from ``nextPlayoutTime`` on, with the tick's local
    /// time. Returns nil before playout has started (or after a reset, until the new stream is
    /// due): render silence then. In telemetry mode, call repeatedly until nil: every due
    /// delivery or missing marker is returned one at a time.
    public mutating func pop(now: Duration) -> PlayoutFrame? {
        pop(nowNanoseconds: now.nanoseconds)
    }

    /// ``pop(now:)`` with the tick's time in ns since the caller's origin.
    public mutating func pop(nowNanoseconds: Int64) -> PlayoutFrame? {
        if case .telemetry(let deliverLate) = configuration.mode {
            return popTelemetry(now: nowNanoseconds, deliverLate: deliverLate)
        }
        if !started {
            guard let start = startTime(), nowNanoseconds >= start, let head = headTimestamp() else { return nil }
            started = true
            nextTimestamp = head
        }
        lastTickNanoseconds = nowNanoseconds
        tickCount += 1
        ticksSinceShrink += 1
        resolveStale()
        let frame = decide(now: nowNanoseconds)
        trackConcealment(frame, now: nowNanoseconds)
        return frame
    }

    /// One playout decision for the tick at `now`.
    private mutating func decide(now: Int64) -> PlayoutFrame {
        let target = targetDelayNanoseconds(now: now)
        if let baseline = estimator.baseline(now: now) { baselineNanoseconds = baseline }
        let current = now - mediaNanoseconds(nextTimestamp) - baselineNanoseconds
        lastCurrentDelayNanoseconds = current
        minimumCurrentDelayNanoseconds = min(minimumCurrentDelayNanoseconds ?? current, current)
        if tickCount % max(1, 1_000_000_000 / frameNanoseconds) == 0 { recordTarget(target, now: now) }
        lastTargetNanoseconds = target
        // With time-scaling the player moves the delay by pitch periods (expand below target,
        // accelerate above it); whole frames only for a deficit beyond half a frame (a PLC
        // frame grows fast) and an excess beyond three frames (after a burst).
        let grow = timeScalingEnabled ? current < target - frameNanoseconds / 2 : current < target
        let shrink =
            timeScalingEnabled
            ? current >= target + 3 * frameNanoseconds
            : current >= target + frameNanoseconds + frameNanoseconds / 4

        // Where the next frame is: its own packet, implied by a later one, or unknown (starving).
        let head = ring.packet(at: nextSequence)
        let follower = head == nil ? nextBuffered(after: nextSequence) : nil
        let headTimestamp = head?.timestamp ?? follower.map { $0.timestamp - ($0.sequence - nextSequence) * samplesPerFrame }

        guard let headTimestamp else {
            // Nothing buffered: loss or silence cannot be told apart yet; keep time running
            // (the sequence number stays open, so a late arrival is classified late).
            // An underrun below target grows by this concealed frame (a PLC frame), time-scaling or not.
            let growHere = grow || current < target
            if !growHere { nextTimestamp += samplesPerFrame }
            if lastWasSilence { return .comfortSilence }
            return .conceal(sequenceNumber: wire(nextSequence), gain: nextGain(), reason: growHere ? .stretch : .lost)
        }
        if headTimestamp >= nextTimestamp + samplesPerFrame {
            // A gap in timestamps: the sender is in DTX. Adapt here, where it is inaudible.
            lastWasSilence = true
            if grow { return .comfortSilence }
            let step = shrink ? 2 * samplesPerFrame : samplesPerFrame
            nextTimestamp = min(nextTimestamp + step, headTimestamp)
            return .comfortSilence
        }
        lastWasSilence = false
        if grow {
            return .conceal(sequenceNumber: wire(nextSequence), gain: nextGain(), reason: .stretch)
        }
        if let head {
            if shrink, ticksSinceShrink >= configuration.shrinkIntervalFrames,
                let next = ring.packet(at: nextSequence + 1), next.timestamp - head.timestamp <= samplesPerFrame
            {
                ticksSinceShrink = 0
                resolveNext(as: .discardedToShrink)
                return playHead(next.packet, timestamp: next.timestamp)
            }
            return playHead(head.packet, timestamp: head.timestamp)
        }
        // The frame is missing at its slot: rebuild it from the next packet's FEC, else conceal.
        let sequence = wire(nextSequence)
        nextTimestamp = max(nextTimestamp, headTimestamp) + samplesPerFrame
        if let follower, follower.sequence == nextSequence + 1, let next = ring.packet(at: follower.sequence),
            next.packet.hasFEC
        {
            resolveNext(as: .recoveredByFEC)
            return .recoverFromFEC(sequenceNumber: sequence, next: next.packet)
        }
        resolveNext(as: .concealedLost)
        return .conceal(sequenceNumber: sequence, gain: nextGain(), reason: .lost)
    }

    private mutating func playHead(_ packet: JitterBufferPacket, timestamp: Int64) -> PlayoutFrame {
        resolveNext(as: .played)
        recordPlayedDelay(lastCurrentDelayNanoseconds)
        nextTimestamp = timestamp + samplesPerFrame
        lastWasSilence = packet.isDTX
        return .play(packet)
    }

    /// Resolves frames whose slot has already passed: buffered ones are late, missing ones whose
    /// implied timestamp has passed are lost. Runs on insert and on every tick.
    mutating func resolveStale() {
        guard started else { return }
        var follower: (sequence: Int64, timestamp: Int64)?
        while true {
            if let head = ring.packet(at: nextSequence) {
                guard head.timestamp + samplesPerFrame <= nextTimestamp else { return }
                resolveNext(as: .concealedLate)
                follower = nil
                continue
            }
            if follower.map({ $0.sequence <= nextSequence }) ?? true { follower = nextBuffered(after: nextSequence) }
            guard let known = follower else { return }
            let implied = known.timestamp - (known.sequence - nextSequence) * samplesPerFrame
            guard implied + samplesPerFrame <= nextTimestamp else { return }
            resolveNext(as: .concealedLost)
        }
    }

    /// Gain for the next concealment tick: 1 for the first, falling linearly to 0 at `fadeAfter`.
    @inline(__always) private func nextGain() -> Float {
        let elapsed = Double(concealmentRun) * Double(frameNanoseconds)
        return Float(max(0, 1 - elapsed / Double(fadeAfterNanoseconds)))
    }

    private mutating func trackConcealment(_ frame: PlayoutFrame, now: Int64) {
        if case .conceal = frame {
            if concealmentRun == 0 { concealmentRunStart = now }
            concealmentRun += 1
            concealmentTotalNanoseconds += frameNanoseconds
        } else if concealmentRun > 0 {
            concealmentEventCount += 1
            concealmentEvents.append(
                .init(start: .nanoseconds(concealmentRunStart), duration: .nanoseconds(Int64(concealmentRun) * frameNanoseconds)))
            if concealmentEvents.count > 64 { concealmentEvents.removeFirst() }
            concealmentRun = 0
        }
    }

    private mutating func recordTarget(_ target: Int64, now: Int64) {
        let entry = (nanoseconds: now, milliseconds: Double(target) / 1e6)
        if targetHistory.count < Self.targetHistoryCapacity {
            // Grown by doubling but never past the ring's size (the 512 → 1,024 step would
            // leave 6 KiB unused for good in every stream).
            if targetHistory.count == targetHistory.capacity {
                targetHistory.reserveCapacity(min(max(8, targetHistory.capacity * 2), Self.targetHistoryCapacity))
            }
            targetHistory.append(entry)
        } else {
            targetHistory[targetHistoryStart] = entry
            targetHistoryStart = (targetHistoryStart + 1) % Self.targetHistoryCapacity
        }
    }

    @inline(__always) func wire(_ sequence: Int64) -> UInt16 { UInt16(truncatingIfNeeded: sequence) }
}
