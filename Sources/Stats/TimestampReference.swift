import JitterbugSupport

/// A counted packet's sequence number, RTP timestamp and arrival, against which the next
/// packet's timestamp is checked (Wireshark's "wrong timestamp").
///
/// A timestamp is consistent when the media time it moved, |Δtimestamp| / clock rate, is at most
/// the time that passed at the receiver, |Δarrival|, plus a step allowance per sequence step,
/// plus `slackSeconds`. Arrival time covers DTX and pauses (timestamps move while nothing is
/// sent); the step allowance covers a burst after a stall (packets sent apart arrive together)
/// and media sent faster than real time (a file replayed with its own time column): it is
/// `maximumPacketSeconds` or the stream's usual media time per step, whichever is larger; the
/// slack covers jitter. A timestamp 2^31 off (12 h at 48 kHz) is far outside. Two consistent
/// packets in a row re-sync the check (see `admitsTimestamp`).
struct TimestampReference: Sendable, Equatable {
    /// Longest media time one packet may carry, seconds (Opus's longest packet is 120 ms).
    static let maximumPacketSeconds = 0.12
    /// Extra media time allowed whatever the arrival times, seconds.
    static let slackSeconds = 1.0

    /// Internal extended sequence number of the packet.
    var extended: UInt64
    var timestamp: UInt32
    var arrival: Duration

    /// Media time between this reference and another timestamp, seconds (|Δ| as signed 32-bit).
    func mediaSeconds(to otherTimestamp: UInt32, clockRateHertz: Int) -> Double {
        abs(Double(Int32(bitPattern: otherTimestamp &- timestamp))) / Double(clockRateHertz)
    }

    /// Whether a packet with `extended` number, `timestamp` and `arrival` fits this reference,
    /// given the stream's usual media time per sequence step (`usualStepSeconds`, 0 if unknown).
    func admits(
        extended other: UInt64, timestamp otherTimestamp: UInt32, arrival otherArrival: Duration, clockRateHertz: Int,
        usualStepSeconds: Double
    ) -> Bool {
        let steps = Double(other > extended ? other - extended : extended - other)
        let perStep = max(Self.maximumPacketSeconds, usualStepSeconds)
        let media = mediaSeconds(to: otherTimestamp, clockRateHertz: clockRateHertz)
        let allowance = steps * perStep + Self.slackSeconds
        // The arrival gap only widens the allowance: look at it (128-bit Duration arithmetic)
        // only when the steps and slack alone do not admit the packet, which is rare.
        if media <= allowance { return true }
        return media <= abs((otherArrival - arrival).seconds) + allowance
    }
}

extension RTPReceptionStatistics {
    /// Checks `packet`'s timestamp against the last counted packet. A packet that does not fit is
    /// counted in `wrongTimestampPackets` and remembered; when the next one fits *it* and follows
    /// it in sequence, the sender's timeline moved: the second is admitted and jitter re-synced.
    mutating func admitsTimestamp(_ packet: HeldPacket, extended: UInt64) -> Bool {
        // The smaller of the last two single steps: one DTX gap does not widen the check. Until
        // two are known the stream's pace is not, and the packet is admitted.
        let usual = min(recentStepSeconds.0, recentStepSeconds.1)
        guard recentStepCount == 2, let reference = timestampReference,
            !reference.admits(
                extended: extended, timestamp: packet.timestamp, arrival: packet.arrival, clockRateHertz: clockRateHertz,
                usualStepSeconds: usual)
        else { return true }
        if let wrong = lastWrongTimestamp, extended == wrong.extended + 1,
            wrong.admits(
                extended: extended, timestamp: packet.timestamp, arrival: packet.arrival, clockRateHertz: clockRateHertz,
                usualStepSeconds: usual)
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
