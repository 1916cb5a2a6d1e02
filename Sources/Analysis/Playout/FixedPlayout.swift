/// A VoIPmonitor-style fixed jitter buffer: the frame with RTP timestamp `ts` plays at
/// `firstArrival + D + (ts − firstTs) / clock` (timestamps unwrapped), whatever happens later.
/// A packet arriving after that instant is late (equal is in time); duplicates were already
/// removed by ``ArrivalTracker``; missing frames are concealed. No clock-drift compensation: a
/// sender clock slower than the capture's pushes arrivals later and later into late loss, as it
/// would in such a buffer.
///
/// The outcome of every packet is known when it arrives, so no ticks are needed; memory is O(1).
struct FixedPlayout: Sendable {
    let delayNanoseconds: Int64
    /// Distinct packets that arrived after their playout instant.
    private(set) var latePackets = 0
    /// Distinct packets played.
    private(set) var playedPackets = 0

    init(delayMilliseconds: Int) {
        delayNanoseconds = Int64(delayMilliseconds) * 1_000_000
    }

    /// Playout instant of a frame, ns since the first arrival.
    func playoutNanoseconds(mediaNanoseconds: Int64) -> Int64 { delayNanoseconds + mediaNanoseconds }

    /// One distinct packet: late or played. Returns the playout instant when played.
    mutating func arrival(_ packet: ArrivalTracker.Observation) -> Int64? {
        let playout = playoutNanoseconds(mediaNanoseconds: packet.mediaNanoseconds)
        guard packet.arrivalNanoseconds <= playout else {
            latePackets += 1
            return nil
        }
        playedPackets += 1
        return playout
    }
}
