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
        let heldTicks = heldOnUnderrunTicks
        heldOnUnderrunTicks = 0
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
            // Nothing buffered: loss or silence cannot be told apart yet. An underrun below
            // target grows by this concealed frame (a PLC frame). With time-scaling, outside
            // DTX silence, the slot is held whatever the target (NetEq's expand): a stalled path
            // costs concealment while it lasts, not the late loss of every frame it delayed, and
            // the excess is accelerated away afterwards. Otherwise time keeps running (the
            // sequence number stays open, so a late arrival is classified late); in DTX it must,
            // or the next talk spurt would start as late as the silence was long.
            let holds = timeScalingEnabled && !lastWasSilence
            let growHere = holds || grow || current < target
            if !growHere { nextTimestamp += samplesPerFrame }
            if lastWasSilence { return .comfortSilence }
            if holds {
                heldOnUnderrunTicks = heldTicks + 1
                timeScaling.underrunHoldTicks += 1
            }
            return .conceal(sequenceNumber: wire(nextSequence), gain: nextGain(), reason: growHere ? .stretch : .lost)
        }
        if heldTicks > 0, let resumed = resumeAfterHold(heldTicks: heldTicks, head: head?.timestamp, follower: follower, now: now) {
            return resumed
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

    /// After a hold, a later packet that came this recently (2 ms) may be the first of a
    /// stall's queue released out of order: the awaited frame is given one more tick.
    static let stallReleaseNanoseconds: Int64 = 2_000_000

    /// The first tick with a packet after a hold of `heldTicks` ticks (time-scaling): the hold
    /// concealed that many slots, so up to that much media time is already accounted for.
    /// Returns the frame to play, or nil to decide as usual.
    private mutating func resumeAfterHold(
        heldTicks: Int, head: Int64?, follower: (sequence: Int64, timestamp: Int64)?, now: Int64
    ) -> PlayoutFrame? {
        if let head {
            let credit = Int64(heldTicks) * samplesPerFrame
            // A timestamp gap opened during the hold (a sender paused with its clock running):
            // the held time counts towards it, instead of comfort noise for the gap again.
            if head > nextTimestamp { nextTimestamp = min(nextTimestamp + credit, head) }
            return nil
        }
        guard let follower, let next = ring.packet(at: follower.sequence) else { return nil }
        if now - next.packet.arrivalNanoseconds < Self.stallReleaseNanoseconds {
            // A stall releasing its queue: its packets come within a few ms in any order. Hold
            // one more tick rather than give the awaited frame up.
            heldOnUnderrunTicks = heldTicks + 1
            timeScaling.underrunHoldTicks += 1
            return .conceal(sequenceNumber: wire(nextSequence), gain: nextGain(), reason: .stretch)
        }
        // Frames still missing while a later one came: the hold concealed as many slots as it
        // held, so that many of them are lost without being concealed a second time (which
        // would push the playout point further), and the later frame plays now if that covers
        // them all (NetEq's merge); the rest are concealed as usual. Not when the later frame
        // carries FEC for the one before it.
        let missing = follower.sequence - nextSequence
        guard !next.packet.hasFEC, next.timestamp <= nextTimestamp + (missing + 1) * samplesPerFrame else { return nil }
        let covered = min(missing, Int64(heldTicks))
        timeScaling.underrunHoldCoveredLostFrames += covered
        var remaining = covered  // a while loop: iterating a Range<Int64> allocated in debug builds
        while remaining > 0 {
            resolveNext(as: .concealedLost)
            nextTimestamp += samplesPerFrame
            remaining -= 1
        }
        guard nextSequence == follower.sequence else { return nil }
        lastWasSilence = false
        return playHead(next.packet, timestamp: next.timestamp)
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
            let event = JitterBufferSnapshot.ConcealmentEvent(
                start: .nanoseconds(concealmentRunStart), duration: .nanoseconds(Int64(concealmentRun) * frameNanoseconds))
            // A ring of the last 64, sized once at the first event: growing it by doubling, and
            // `removeFirst` in debug builds, allocated on the playout path.
            if concealmentEvents.count < Self.concealmentEventsKept {
                if concealmentEvents.capacity < Self.concealmentEventsKept {
                    concealmentEvents.reserveCapacity(Self.concealmentEventsKept)
                }
                concealmentEvents.append(event)
            } else {
                concealmentEvents[concealmentEventsStart] = event
                concealmentEventsStart = (concealmentEventsStart + 1) % Self.concealmentEventsKept
            }
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
