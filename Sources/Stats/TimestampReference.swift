import JitterbugSupport

/// A counted packet's sequence number, RTP timestamp and arrival, against which the next
/// packet's timestamp is checked (Wireshark's "wrong timestamp").
///
/// A timestamp is consistent when the media time it moved, |Δtimestamp| / clock rate, is at most
/// the time that passed at the receiver, |Δarrival|, plus `maximumPacketSeconds` per sequence
/// step, plus `slackSeconds`. Arrival time covers DTX and pauses (timestamps move while nothing
/// is sent); the per-step term covers a burst after a stall (packets sent apart arrive
/// together); the slack covers jitter. A timestamp 2^31 off (12 h at 48 kHz) is far outside.
/// Limit: a stream slower than one packet per second that arrives in bursts can be flagged;
/// two consistent packets in a row re-sync (see `admitsTimestamp`).
struct TimestampReference: Sendable, Equatable {
    /// Longest media time one packet may carry, seconds (Opus's longest packet is 120 ms).
    static let maximumPacketSeconds = 0.12
    /// Extra media time allowed whatever the arrival times, seconds.
    static let slackSeconds = 1.0

    /// Internal extended sequence number of the packet.
    var extended: UInt64
    var timestamp: UInt32
    var arrival: Duration

    /// Whether a packet with `extended` number, `timestamp` and `arrival` fits this reference.
    func admits(extended other: UInt64, timestamp otherTimestamp: UInt32, arrival otherArrival: Duration, clockRateHertz: Int) -> Bool {
        let steps = Double(other > extended ? other - extended : extended - other)
        let mediaSeconds = abs(Double(Int32(bitPattern: otherTimestamp &- timestamp))) / Double(clockRateHertz)
        let arrivalSeconds = abs((otherArrival - arrival).seconds)
        return mediaSeconds <= arrivalSeconds + steps * Self.maximumPacketSeconds + Self.slackSeconds
    }
}

extension RTPReceptionStatistics {
    /// Checks `packet`'s timestamp against the last counted packet. A packet that does not fit is
    /// counted in `wrongTimestampPackets` and remembered; when the next one fits *it* and follows
    /// it in sequence, the sender's timeline moved: the second is admitted and jitter re-synced.
    mutating func admitsTimestamp(_ packet: HeldPacket, extended: UInt64) -> Bool {
        guard let reference = timestampReference,
            !reference.admits(extended: extended, timestamp: packet.timestamp, arrival: packet.arrival, clockRateHertz: clockRateHertz)
        else { return true }
        if let wrong = lastWrongTimestamp, extended == wrong.extended + 1,
            wrong.admits(extended: extended, timestamp: packet.timestamp, arrival: packet.arrival, clockRateHertz: clockRateHertz)
        {
            lastWrongTimestamp = nil
            jitter.resetTransit()
            return true
        }
        lastWrongTimestamp = TimestampReference(extended: extended, timestamp: packet.timestamp, arrival: packet.arrival)
        wrongTimestampPackets += 1
        return false
    }
}
