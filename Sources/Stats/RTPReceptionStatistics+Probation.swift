/// A.1 probation, and what becomes of the packets held during it.
extension RTPReceptionStatistics {
    /// A packet while the source is on probation: A.1's MIN_SEQUENTIAL check; the packet is held
    /// (up to `probationHoldLimit`) so it can be counted once the source is valid.
    mutating func recordOnProbation(_ packet: HeldPacket) -> PacketVerdict {
        // Wrapping + 1: C's `max_seq + 1` promotes to int and would reject 65535 → 0.
        if packet.sequence == maxSequence &+ 1 {
            probation -= 1
            maxSequence = packet.sequence
            if probation == 0 { return validate(with: packet) }
        } else {
            probation = Self.minimumSequential - 1
            maxSequence = packet.sequence
        }
        if held.count < Self.probationHoldLimit {
            held.append(packet)
        } else {
            probationDroppedPackets += 1
        }
        return .probation
    }

    /// `current` ended probation. The epoch starts at the oldest held packet that can belong to
    /// the stream (less than MAX_DROPOUT behind `current`), and the held packets are replayed in
    /// arrival order as A.1 would have counted them had the source been valid; held packets
    /// farther away are dropped. Returns `current`'s verdict; `validationVerdicts` has the others'.
    mutating func validate(with current: HeldPacket) -> PacketVerdict {
        let entries = held
        held.removeAll()
        func behind(_ packet: HeldPacket) -> UInt32 { UInt32(current.sequence &- packet.sequence) }
        var baseIndex: Int?
        var baseDistance: UInt32 = 0
        for (index, packet) in entries.enumerated() {
            let distance = behind(packet)
            if distance > baseDistance, distance < Self.maximumDropout {
                baseDistance = distance
                baseIndex = index
            }
        }
        var verdicts = [PacketVerdict](repeating: .probation, count: entries.count)
        guard let baseIndex else {
            // No held packet precedes it (MIN_SEQUENTIAL 1 would do this): it is the first.
            for _ in entries { probationDroppedPackets += 1 }
            validationVerdicts = verdicts
            initializeEpoch(at: current)
            return .accepted
        }
        initializeEpoch(at: entries[baseIndex])
        verdicts[baseIndex] = .accepted
        for (index, packet) in entries.enumerated() where index != baseIndex {
            let distance = behind(packet)
            if distance < Self.maximumDropout || distance > Self.sequenceModulus - Self.maximumMisorder {
                verdicts[index] = recordValid(packet, replaying: true)
            } else {
                probationDroppedPackets += 1
            }
        }
        validationVerdicts = verdicts
        return recordValid(current, replaying: true)
    }
}
