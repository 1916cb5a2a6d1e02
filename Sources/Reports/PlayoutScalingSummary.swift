/// How the audio playout moved its delay (issue #16): time-scaling of decoded frames by pitch
/// periods, whole concealed frames that grew it, the mean delay frames were played with, and
/// the sender's clock drift. Absent in telemetry mode and when not decoding.
public struct PlayoutScalingSummary: Sendable, Equatable, Codable {
    /// Frames shortened by one pitch period (accelerate).
    public var accelerateCount: Int64
    /// Time removed by accelerate, ms.
    public var accelerateMilliseconds: Double
    /// Frames lengthened by one pitch period (preemptive expand).
    public var expandCount: Int64
    /// Time inserted by preemptive expand, ms.
    public var expandMilliseconds: Double
    /// Whole concealed (PLC) frames played to grow the delay (an underrun, or more than half a
    /// frame below target), ms; counted once written (followed by a real frame).
    public var stretchConcealmentMilliseconds: Double
    /// Of ``stretchConcealmentMilliseconds``: time the playout held its slot on an underrun
    /// (nothing buffered) until a packet came, less the slots that stood in for frames that
    /// turned out lost, ms. Optional so summaries written before it existed still decode.
    public var underrunHoldMilliseconds: Double?
    /// Mean playout delay of the frames played from their own packet, ms above the fastest
    /// recent packet (the same reference as `playout_delay_ms`).
    public var meanPlayoutDelayMilliseconds: Double
    /// Sender clock rate relative to ours, ppm (positive: the sender's clock runs fast).
    public var driftPPM: Double
    /// Splices refused because the frame was audible and not periodic enough (a splice could be
    /// heard): the frame played unchanged and the delay stayed off target for another frame.
    public var declinedNotPeriodicCount: Int64
    /// Splices refused because the frame or the allowed change was shorter than the shortest
    /// pitch period (2.5 ms) allows.
    public var declinedTooShortCount: Int64

    /// Creates a summary from the figures above.
    public init(
        accelerateCount: Int64, accelerateMilliseconds: Double, expandCount: Int64, expandMilliseconds: Double,
        stretchConcealmentMilliseconds: Double, meanPlayoutDelayMilliseconds: Double, driftPPM: Double,
        declinedNotPeriodicCount: Int64 = 0, declinedTooShortCount: Int64 = 0, underrunHoldMilliseconds: Double? = nil
    ) {
        self.underrunHoldMilliseconds = underrunHoldMilliseconds
        self.accelerateCount = accelerateCount
        self.accelerateMilliseconds = accelerateMilliseconds
        self.expandCount = expandCount
        self.expandMilliseconds = expandMilliseconds
        self.stretchConcealmentMilliseconds = stretchConcealmentMilliseconds
        self.meanPlayoutDelayMilliseconds = meanPlayoutDelayMilliseconds
        self.driftPPM = driftPPM
        self.declinedNotPeriodicCount = declinedNotPeriodicCount
        self.declinedTooShortCount = declinedTooShortCount
    }

    enum CodingKeys: String, CodingKey {
        case accelerateCount = "accelerate_count"
        case accelerateMilliseconds = "accelerate_ms"
        case expandCount = "expand_count"
        case expandMilliseconds = "expand_ms"
        case stretchConcealmentMilliseconds = "plc_stretch_ms"
        case underrunHoldMilliseconds = "underrun_hold_ms"
        case meanPlayoutDelayMilliseconds = "mean_playout_delay_ms"
        case driftPPM = "drift_ppm"
        case declinedNotPeriodicCount = "declined_not_periodic"
        case declinedTooShortCount = "declined_too_short"
    }

    /// The summary table's row text.
    var text: String {
        "accelerate \(accelerateCount) (\(accelerateMilliseconds.formatted(decimals: 1)) ms), "
            + "expand \(expandCount) (\(expandMilliseconds.formatted(decimals: 1)) ms), "
            + "declined \(declinedNotPeriodicCount + declinedTooShortCount), "
            + "PLC stretch \(stretchConcealmentMilliseconds.formatted(decimals: 0)) ms"
            + (underrunHoldMilliseconds.map { " (underrun hold \($0.formatted(decimals: 0)) ms)" } ?? "") + "; "
            + "mean playout delay \(meanPlayoutDelayMilliseconds.formatted(decimals: 1)) ms; "
            + "drift \(driftPPM.formatted(decimals: 0)) ppm"
    }
}
