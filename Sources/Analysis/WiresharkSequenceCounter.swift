/// Wireshark's own per-stream counters (`ui/tap-rtp-analysis.c`, `rtppacket_analyse`), kept
/// so that `sequence_errors` and `max_delta_ms` mean what Wireshark's RTP Stream Analysis
/// shows: every packet in arrival order, duplicates included.
///
/// A sequence error is a packet whose number is not the previous in-order one + 1: a forward
/// gap (loss) or a packet at or behind it (late or duplicate). A packet whose extended RTP
/// timestamp is behind the last in-order one is "not in time sequence": it can only count as
/// late or duplicate and does not become the reference. Max delta is the largest arrival gap
/// to the previous in-time-sequence packet, over packets without the marker bit and in time
/// sequence (the first packet has no delta).
struct WiresharkSequenceCounter: Sendable {
    private var started = false
    /// Wireshark's `seq_num`: the last in-order sequence number.
    private var sequenceNumber: UInt32 = 0
    /// Extended timestamp and arrival of the last in-time-sequence packet.
    private var referenceTimestamp: Int64 = 0
    private var referenceArrivalNanoseconds: Int64 = 0
    /// Last timestamp seen (any packet), for unwrapping.
    private var lastTimestamp: UInt32 = 0
    private var lastExtendedTimestamp: Int64 = 0

    /// Wireshark's `sequence`: the "Sequence errors" column.
    private(set) var sequenceErrors = 0
    /// Largest delta between in-time-sequence arrivals, nanoseconds.
    private(set) var maximumDeltaNanoseconds: Int64 = 0

    /// The extended timestamp of the last packet recorded.
    var lastExtendedTimestampValue: Int64 { lastExtendedTimestamp }

    /// The RTP dissector's extended timestamp: the 32-bit timestamp unwrapped against the
    /// previous packet's (a step of at most ±2^31).
    mutating func extend(_ timestamp: UInt32) -> Int64 {
        let extended = lastExtendedTimestamp + Int64(Int32(bitPattern: timestamp &- lastTimestamp))
        lastTimestamp = timestamp
        lastExtendedTimestamp = extended
        return extended
    }

    mutating func record(sequenceNumber received: UInt16, timestamp: UInt32, marker: Bool, arrivalNanoseconds: Int64) {
        guard started else {
            started = true
            lastTimestamp = timestamp
            lastExtendedTimestamp = Int64(timestamp)
            sequenceNumber = UInt32(received)
            referenceTimestamp = Int64(timestamp)
            referenceArrivalNanoseconds = arrivalNanoseconds
            return
        }
        let extended = extend(timestamp)
        let current = UInt32(received)
        let inTimeSequence = referenceTimestamp <= extended
        if inTimeSequence, sequenceNumber + 1 == current {
            sequenceNumber = current
        } else if inTimeSequence, sequenceNumber == 65_535, current == 0 {
            sequenceNumber = current
        } else if inTimeSequence, sequenceNumber + 1 < current || sequenceNumber &- current > 0xFF00 {
            // A forward gap, or the previous number enormously larger (a wrap with loss).
            sequenceNumber = current
            sequenceErrors += 1
        } else if sequenceNumber + 1 > current {
            // Late or duplicated.
            sequenceErrors += 1
        }
        let delta = arrivalNanoseconds.clampedDifference(referenceArrivalNanoseconds)
        if !marker, inTimeSequence, delta > maximumDeltaNanoseconds {
            maximumDeltaNanoseconds = delta
        }
        if inTimeSequence {
            referenceArrivalNanoseconds = arrivalNanoseconds
            referenceTimestamp = extended
        }
    }
}
