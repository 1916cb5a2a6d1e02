/// Skew and clock drift of a stream: how the sender's media clock (RTP timestamps) moved
/// against the capture's clock (arrival times), over the counted packets.
///
/// Skew is Wireshark's: media time elapsed since the first packet minus arrival time elapsed,
/// ms (positive when the timestamps ran ahead); `maximumSkewMilliseconds` is the value of
/// largest magnitude, with its sign. Drift is the least-squares slope of media time against
/// arrival time, as parts per million off 1 (positive: the sender's clock runs fast).
struct ClockFit: Sendable {
    private var firstTimestamp: Int64?
    private var firstArrivalNanoseconds: Int64 = 0
    private var count = 0.0
    private var sumArrival = 0.0
    private var sumMedia = 0.0
    private var sumArrivalSquared = 0.0
    private var sumProduct = 0.0
    private(set) var maximumSkewMilliseconds = 0.0

    /// One counted packet: its extended RTP timestamp and arrival, with the clock rate in Hz.
    mutating func record(extendedTimestamp: Int64, arrivalNanoseconds: Int64, clockRateHertz: Int) {
        guard let first = firstTimestamp else {
            firstTimestamp = extendedTimestamp
            firstArrivalNanoseconds = arrivalNanoseconds
            count = 1
            return
        }
        // Seconds since the first packet on both clocks (small numbers: no precision loss).
        let media = Double(extendedTimestamp - first) / Double(clockRateHertz)
        let arrival = Double(arrivalNanoseconds.clampedDifference(firstArrivalNanoseconds)) / 1e9
        let skew = (media - arrival) * 1_000
        if abs(skew) > abs(maximumSkewMilliseconds) { maximumSkewMilliseconds = skew }
        count += 1
        sumArrival += arrival
        sumMedia += media
        sumArrivalSquared += arrival * arrival
        sumProduct += arrival * media
    }

    /// (slope − 1) × 10^6, or nil with fewer than 3 packets or no spread in arrival times.
    var driftPartsPerMillion: Double? {
        guard count >= 3 else { return nil }
        let denominator = count * sumArrivalSquared - sumArrival * sumArrival
        guard denominator > 1e-12 else { return nil }
        let slope = (count * sumProduct - sumArrival * sumMedia) / denominator
        return (slope - 1) * 1e6
    }
}
