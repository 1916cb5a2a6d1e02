/// RFC 3550 interarrival jitter (§6.4.1, Appendix A.8) for one source.
///
/// D(i−1, i) = (R_i − R_{i−1}) − (S_i − S_{i−1}) where R is the arrival time converted to RTP
/// timestamp units and S the RTP timestamp; J += (|D| − J) / 16.
/// Both the floating form and the RFC integer form (`jitter += d − ((jitter + 8) >> 4)`,
/// reported as `jitter >> 4`) are kept. Differences are taken modulo 2^32, so RTP timestamp wrap
/// is harmless.
public struct InterarrivalJitter: Sendable, Equatable {
    /// The RTP clock rate in Hz (e.g. 48_000 for Opus). Always > 0.
    public let clockRateHertz: Int

    private var previousTransitWhole: UInt32?
    private var previousTransitFraction: Double = 0
    /// Jitter in timestamp units multiplied by 16 (A.8 integer form state).
    private var scaledJitter: Int64 = 0

    /// Jitter estimate in RTP timestamp units (floating A.8 form). 0 until two packets were seen.
    public private(set) var jitterTimestampUnits: Double = 0

    /// Creates an estimator for a stream with the given RTP clock rate (values < 1 are treated as 1).
    public init(clockRateHertz: Int) {
        self.clockRateHertz = max(1, clockRateHertz)
    }

    /// Jitter in RTP timestamp units, RFC integer form (what goes into a report block).
    public var rfcJitterTimestampUnits: UInt32 { UInt32(clamping: scaledJitter >> 4) }

    /// Jitter in milliseconds: `jitterTimestampUnits / clockRate × 1000`.
    public var jitterMilliseconds: Double { jitterTimestampUnits * 1_000 / Double(clockRateHertz) }

    /// Feeds one packet. The first packet after creation or `resetTransit()` only sets the reference.
    /// - Parameters:
    ///   - rtpTimestamp: the packet's RTP timestamp (sender clock, `clockRateHertz` units).
    ///   - arrival: arrival time as an offset from an arbitrary monotonic origin.
    public mutating func update(rtpTimestamp: UInt32, arrival: Duration) {
        let units = arrival.rtpUnits(clockRate: clockRateHertz)
        let transitWhole = units.whole &- rtpTimestamp
        defer {
            previousTransitWhole = transitWhole
            previousTransitFraction = units.fraction
        }
        guard let previous = previousTransitWhole else { return }
        let wholeDifference = Int64(Int32(bitPattern: transitWhole &- previous))
        let integerD = abs(wholeDifference)
        let floatingD = abs(Double(wholeDifference) + (units.fraction - previousTransitFraction))
        jitterTimestampUnits += (floatingD - jitterTimestampUnits) / 16
        scaledJitter += integerD - ((scaledJitter + 8) >> 4)
        if scaledJitter < 0 { scaledJitter = 0 }
    }

    /// Forgets the previous transit time (after a sender restart) but keeps the jitter estimate.
    public mutating func resetTransit() {
        previousTransitWhole = nil
        previousTransitFraction = 0
    }
}
