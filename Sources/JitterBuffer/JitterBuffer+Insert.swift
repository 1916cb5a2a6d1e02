extension JitterBuffer {
    /// Hands one received packet to the buffer. O(1) amortised; never traps on bad input: every
    /// packet ends counted in ``ledger`` (accepted, duplicate, late, or a rejection).
    public mutating func insert(_ packet: JitterBufferPacket) -> InsertOutcome {
        packet.payload.withUnsafeBytes { insert(packet, payload: $0) }
    }

    /// The receive path's form of ``insert(_:)``: the payload comes from `payload` (borrowed,
    /// copied into storage the buffer recycles) and `packet.payload` is ignored, so a packet
    /// read straight from a datagram is buffered without a heap allocation in steady state.
    public mutating func insert(_ packet: JitterBufferPacket, payload: UnsafeRawBufferPointer) -> InsertOutcome {
        ledger.received += 1
        guard !payload.isEmpty else {
            ledger.countRejected(.emptyPayload)
            return .rejected(.emptyPayload)
        }
        guard let ssrc else {
            startStream(with: packet)
            return store(packet, payload: payload, sequence: nextSequence, timestamp: timestampBase)
        }
        guard packet.ssrc == ssrc else { return suspect(packet, payload: payload, .suspectNewSSRC) }
        let sequence = WrapArithmetic.unwrap(packet.sequenceNumber, near: highestSequence)
        // Beyond the ring ahead, or far behind (more than the ring or 1000 packets): a restart or
        // garbage, confirmed by followers. Nearer behind but out of history is merely too old.
        if sequence >= nextSequence + ring.size || sequence < nextSequence - max(ring.size, 1_000) {
            return suspect(packet, payload: payload, .suspectSequenceJump)
        }
        let timestamp = WrapArithmetic.unwrap(packet.timestamp, near: highestTimestamp)
        let deviation = (timestamp - highestTimestamp) - (sequence - highestSequence) * samplesPerFrame
        if deviation > timestampTolerance { return suspect(packet, payload: payload, .suspectTimestampFuture) }
        if deviation < -timestampTolerance { return suspect(packet, payload: payload, .suspectTimestampPast) }
        // A valid packet of the current stream: unconfirmed suspects were noise.
        rejectProbation()

        if sequence < nextSequence {
            if !started, !resolvedAny, highestSequence - sequence < ring.size / 2 {
                nextSequence = sequence  // reordered before playout started: widen the range backwards
                return store(packet, payload: payload, sequence: sequence, timestamp: timestamp)
            }
            return insertPassed(packet, payload: payload, sequence: sequence, timestamp: timestamp)
        }
        return store(packet, payload: payload, sequence: sequence, timestamp: timestamp)
    }

    /// A packet for a sequence number the playout has already passed.
    private mutating func insertPassed(
        _ packet: JitterBufferPacket, payload: UnsafeRawBufferPointer, sequence: Int64, timestamp: Int64
    ) -> InsertOutcome {
        switch ring.outcome(at: sequence) {
        case .concealedLost?:
            ring.resolve(sequence, as: .concealedLate)
            ledger.convertLostToLate()
            ledger.lateArrivals += 1
            feedEstimator(packet, sequence: sequence, timestamp: timestamp)
            if case .telemetry(deliverLate: true) = configuration.mode {
                if lateQueue.count >= 64 {
                    lateQueue.removeFirst()
                    ledger.lateQueueOverflow += 1
                }
                lateQueue.append(Self.holding(packet, payload))
            }
            return .late
        case .recoveredByFEC?:
            ledger.lateArrivals += 1
            feedEstimator(packet, sequence: sequence, timestamp: timestamp)
            return .late
        case .some:
            ledger.duplicates += 1
            return .duplicate
        case nil:
            ledger.countRejected(.tooOld)
            return .rejected(.tooOld)
        }
    }

    /// Stores a packet at or ahead of the playout point.
    private mutating func store(
        _ packet: JitterBufferPacket, payload: UnsafeRawBufferPointer, sequence: Int64, timestamp: Int64
    ) -> InsertOutcome {
        if ring.isBuffered(sequence) {
            ledger.duplicates += 1
            return .duplicate
        }
        feedEstimator(packet, sequence: sequence, timestamp: timestamp)
        ring.store(packet, payload: payload, sequence: sequence, timestamp: timestamp)
        bufferedCount += 1
        if sequence > highestSequence {
            highestSequence = sequence
            highestTimestamp = timestamp
        }
        let dropped = enforceCapacity()
        if started, configuration.mode == .audio {
            resolveStale()
            if ring.outcome(at: sequence) == .concealedLate { return .late }
        }
        return dropped ? .acceptedDroppedOldest : .accepted
    }

    /// Updates the delay estimate with one genuine arrival (late ones included, duplicates not).
    private mutating func feedEstimator(_ packet: JitterBufferPacket, sequence: Int64, timestamp: Int64) {
        // Arrival times are clamped monotonic so a bogus clock value cannot poison the minimum filter.
        let arrival = max(packet.arrivalNanoseconds, lastArrivalNanoseconds)
        lastArrivalNanoseconds = arrival
        if sequence < highestSequence { lastReorderNanoseconds = arrival }
        let relative = estimator.add(
            arrival: arrival, delay: arrival - mediaNanoseconds(timestamp),
            overtakenNanoseconds: timeScalingEnabled ? overtaken(sequence, arrival: arrival) : nil)
        if estimator.samples < 50 { startupSpreadNanoseconds = max(startupSpreadNanoseconds, relative) }
        if let baseline = estimator.baseline(now: arrival) { baselineNanoseconds = baseline }
    }

    /// Drops the oldest buffered packets while over either cap — more than `capacityPackets`
    /// packets, or the oldest has waited longer than `capacityDuration` (measured on the arrival
    /// clock, so DTX gaps in timestamps do not count). Returns whether any were dropped.
    private mutating func enforceCapacity() -> Bool {
        var dropped = false
        let waitLimit = capacityDurationNanoseconds
        while bufferedCount > 0 {
            guard let oldest = ring.packet(at: nextSequence).map({ (nextSequence, $0.timestamp) })
                ?? nextBuffered(after: nextSequence),
                let arrival = ring.arrivalNanoseconds(at: oldest.0)
            else { break }
            let overCount = bufferedCount > configuration.capacityPackets
            let overWait = lastArrivalNanoseconds - arrival > waitLimit
            guard overCount || overWait else { break }
            while nextSequence < oldest.0 { resolveNext(as: .concealedLost) }
            resolveNext(as: .droppedOverflow)
            if started { nextTimestamp = max(nextTimestamp, oldest.1 + samplesPerFrame) }
            dropped = true
        }
        return dropped
    }

    /// Holds a suspicious packet; three consecutive ones of the same source confirm a new stream.
    private mutating func suspect(
        _ packet: JitterBufferPacket, payload: UnsafeRawBufferPointer, _ reason: InsertOutcome.Rejection
    ) -> InsertOutcome {
        if let last = probation.last?.packet, last.ssrc == packet.ssrc,
            packet.sequenceNumber == last.sequenceNumber &+ 1,
            Int64(Int32(bitPattern: packet.timestamp &- last.timestamp)) >= 0,
            Int64(Int32(bitPattern: packet.timestamp &- last.timestamp)) <= timestampTolerance
        {
            probation.append((Self.holding(packet, payload), reason))
            if probation.count >= 3 {
                restart()
                return .reset
            }
            return .rejected(reason)
        }
        rejectProbation()
        probation = [(Self.holding(packet, payload), reason)]
        return .rejected(reason)
    }

    private mutating func rejectProbation() {
        for held in probation { ledger.countRejected(held.reason) }
        probation.removeAll()
    }

    /// Flushes the old stream and replays the confirmed probation packets into a fresh one.
    private mutating func restart() {
        let held = probation.map(\.packet)
        probation.removeAll()
        flushPending()
        ring.removeAll()
        bufferedCount = 0
        estimator.resetTiming()
        started = false
        lastTickNanoseconds = nil
        telemetryOffsetNanoseconds = nil
        lateQueue.removeAll()
        lastArrivalNanoseconds = .min
        lastReorderNanoseconds = .min
        recentGaps.removeAll()
        heldOnUnderrunTicks = 0
        ledger.resets += 1
        ssrc = nil
        for packet in held {
            ledger.received -= 1  // counted once already when it was first held
            _ = insert(packet)
        }
    }

    /// A copy of `packet` that owns its payload, for the rare paths that hold packets (suspects,
    /// telemetry's late queue): these allocate, the steady state does not.
    private static func holding(_ packet: JitterBufferPacket, _ payload: UnsafeRawBufferPointer) -> JitterBufferPacket {
        var held = packet
        held.payload = Array(payload)
        return held
    }

    /// First packet of a stream: it defines the sequence and timestamp origins.
    private mutating func startStream(with packet: JitterBufferPacket) {
        ssrc = packet.ssrc
        resolvedAny = false
        nextSequence = Int64(packet.sequenceNumber)
        highestSequence = nextSequence
        timestampBase = Int64(packet.timestamp)
        highestTimestamp = timestampBase
        nextTimestamp = timestampBase
        baselineNanoseconds = packet.arrivalNanoseconds
    }

    /// With time-scaling: how long ago a later packet overtook `sequence` (ns), nil when it is in
    /// order, `Int64.max` when the gap it fills is no longer remembered. Records the gap a packet
    /// opens past the highest sequence number.
    private mutating func overtaken(_ sequence: Int64, arrival: Int64) -> Int64? {
        if sequence > highestSequence + 1 {
            recentGaps.record(first: highestSequence + 1, last: sequence - 1, arrival: arrival)
            return nil
        }
        guard sequence < highestSequence else { return nil }
        return recentGaps.arrival(filling: sequence).map { arrival - $0 } ?? .max
    }
}
