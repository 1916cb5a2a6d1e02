/// A.1 for a valid source: in order, reordered, duplicate, big jump, restart.
extension RTPReceptionStatistics {
    /// One packet of a valid source. `replaying` is true for the packets held on probation,
    /// replayed when the source became valid: a big jump among them is a probation drop, not
    /// A.1's `bad_seq`, so it cannot arm a restart.
    mutating func recordValid(_ packet: HeldPacket, replaying: Bool) -> PacketVerdict {
        let sequence = packet.sequence
        let delta = UInt32(sequence &- maxSequence)
        if delta < Self.maximumDropout {
            // In order, with a permissible gap.
            let wraps = sequence < maxSequence
            let extended = cycles + (wraps ? UInt64(Self.sequenceModulus) : 0) + UInt64(sequence)
            guard admitsTimestamp(packet, extended: extended) else { return .wrongTimestamp }
            let previousHighest = highestExtended
            if wraps { cycles += UInt64(Self.sequenceModulus) }
            maxSequence = sequence
            receivedPackets += 1
            badSequence = Self.noBadSequence
            if extended == previousHighest, window.contains(extended) == true {
                duplicatePackets += 1
                return .duplicate
            }
            window.advance(to: extended)
            window.insert(extended)
            accept(packet, extended: extended)
            return .accepted
        } else if delta <= Self.sequenceModulus - Self.maximumMisorder {
            // A very large jump (or far behind).
            if replaying {
                probationDroppedPackets += 1
                return .probation
            }
            if UInt32(sequence) == badSequence { return restart(packet) }
            badSequence = (UInt32(sequence) + 1) & (Self.sequenceModulus - 1)
            badSequencePackets += 1
            return .badSequence
        } else {
            // Duplicate or reordered packet, 1...MAX_MISORDER behind the highest. Internal
            // extended numbers start one cycle up, so this never underflows.
            let distance = UInt64(Self.sequenceModulus - delta)
            let extended = highestExtended - distance
            guard admitsTimestamp(packet, extended: extended) else { return .wrongTimestamp }
            receivedPackets += 1
            badSequence = Self.noBadSequence
            if window.contains(extended) == true {
                duplicatePackets += 1
                return .duplicate
            }
            window.insert(extended)
            // Older than the first packet counted: it was sent, so it is expected too.
            if extended < baseExtended { baseExtended = extended }
            reorderedPackets += 1
            reorderDistanceSum += distance
            maximumReorderDistance = max(maximumReorderDistance, Int(distance))
            accept(packet, extended: extended)
            return .reordered(distance: Int(distance))
        }
    }

    /// The packet after a restart: it confirms the restart, or, when it continues the sequence
    /// from before the jump and not the new one, undoes it (two stray or forged packets in
    /// sequence must not throw the stream's statistics away). Both jump packets then count as
    /// bad-sequence drops.
    mutating func recordAfterRestart(_ packet: HeldPacket) -> PacketVerdict {
        let saved = beforeRestart[0]
        beforeRestart.removeAll()
        if !Self.isNear(packet.sequence, highest: maxSequence), Self.isNear(packet.sequence, highest: saved.maxSequence) {
            let late = latePackets
            self = saved
            latePackets = late
            badSequencePackets += 1
            badSequence = Self.noBadSequence
        }
        return recordValid(packet, replaying: false)
    }

    /// Whether `sequence` is in order after `highest` (gap < MAX_DROPOUT) or within MAX_MISORDER behind.
    static func isNear(_ sequence: UInt16, highest: UInt16) -> Bool {
        let delta = UInt32(sequence &- highest)
        return delta < maximumDropout || delta > sequenceModulus - maximumMisorder
    }

    /// Two sequential packets after a big jump: the sender restarted. The old epoch's counts are
    /// kept; a new epoch starts at this packet (A.1 `init_seq`).
    mutating func restart(_ packet: HeldPacket) -> PacketVerdict {
        var saved = self
        saved.beforeRestart = []
        beforeRestart = [saved]
        earlierEpochsExpected += expectedPackets
        earlierEpochsReceived += receivedPackets
        restarts += 1
        initializeEpoch(at: packet)
        return .restarted
    }

    /// A.1 `init_seq`, counting `packet` as the epoch's first received packet.
    mutating func initializeEpoch(at packet: HeldPacket) {
        cycles = UInt64(Self.sequenceModulus)
        maxSequence = packet.sequence
        baseExtended = cycles + UInt64(packet.sequence)
        badSequence = Self.noBadSequence
        receivedPackets = 1
        receivedPrior = 0
        expectedPrior = 0
        window.reset(to: baseExtended)
        timestampReference = nil
        lastWrongTimestamp = nil
        recentStepCount = 0
        jitter.resetTransit()
        accept(packet, extended: baseExtended)
    }

    /// A distinct packet counted: bytes, A.8 jitter, and the reference for the next timestamp check.
    mutating func accept(_ packet: HeldPacket, extended: UInt64) {
        uniquePackets += 1
        payloadBytes += UInt64(packet.payloadBytes)
        jitter.update(rtpTimestamp: packet.timestamp, arrival: packet.arrival)
        if let reference = timestampReference, extended == reference.extended + 1 {
            let step = reference.mediaSeconds(to: packet.timestamp, clockRateHertz: clockRateHertz)
            recentStepSeconds = (recentStepSeconds.1, step)
            recentStepCount = min(2, recentStepCount + 1)
        }
        timestampReference = TimestampReference(extended: extended, timestamp: packet.timestamp, arrival: packet.arrival)
        lastWrongTimestamp = nil
    }

    /// A.1's "no bad sequence number" (RTP_SEQ_MOD + 1, never equal to a 16-bit number).
    static let noBadSequence: UInt32 = sequenceModulus + 1
}
