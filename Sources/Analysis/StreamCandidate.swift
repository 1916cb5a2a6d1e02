import Capture

/// A 5-tuple + SSRC that looks like RTP but has not yet shown it is a stream (RFC 3550 A.1's
/// probation, applied to finding streams): it becomes one after `confirmingPackets` packets,
/// each a small step on from the one before in sequence number (1…100) and timestamp
/// (0…10 s at 90 kHz). Its packets are held (copied) and replayed into the stream, so none is
/// lost to the probation.
struct StreamCandidate {
    static let confirmingPackets = 3
    /// Packets held; beyond this the oldest are dropped and counted.
    static let holdLimit = 8
    static let largestTimestampStep: UInt32 = 900_000

    struct Held {
        var fields: RTPFields
        var payload: [UInt8]
        var arrivalNanoseconds: Int64
    }

    private(set) var held: [Held] = []
    private(set) var dropped = 0
    /// Arrival of the latest packet, ns (for evicting stale candidates).
    private(set) var lastArrivalNanoseconds: Int64 = 0
    private var progress = 0
    private var last: (sequence: UInt16, timestamp: UInt32)?

    /// Adds a packet; true once the candidate is confirmed.
    mutating func add(_ fields: RTPFields, payload: ArraySlice<UInt8>, arrivalNanoseconds: Int64) -> Bool {
        if held.count >= Self.holdLimit {
            held.removeFirst()
            dropped += 1
        }
        lastArrivalNanoseconds = max(lastArrivalNanoseconds, arrivalNanoseconds)
        let rebased = RTPFields.rebase(fields, from: payload.startIndex)
        held.append(Held(fields: rebased, payload: Array(payload), arrivalNanoseconds: arrivalNanoseconds))
        if let last {
            let sequenceStep = fields.sequenceNumber &- last.sequence
            let timestampStep = fields.timestamp &- last.timestamp
            if (1...100).contains(sequenceStep), timestampStep <= Self.largestTimestampStep {
                progress += 1
            } else if sequenceStep == 0 || sequenceStep > 65_436 {
                // A duplicate or a reordered packet: neither progress nor a reason to start over.
                return progress + 1 >= Self.confirmingPackets
            } else {
                progress = 0
            }
        }
        last = (fields.sequenceNumber, fields.timestamp)
        return progress + 1 >= Self.confirmingPackets
    }
}
