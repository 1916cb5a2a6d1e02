/// One row block of `jitterbug compare`: the UDP and the TCP run of the same stream under the
/// same impairment (one per `--sweep` value), analysed at one shared playout delay.
public struct ComparisonBlock: Sendable, Equatable {
    /// What distinguishes this block, e.g. "loss=5%" (printed in the heading and the takeaway).
    public var label: String
    /// The playout delay both paths are analysed at, milliseconds above each path's minimum delay.
    public var playoutDelayMilliseconds: Double
    /// Why that delay, e.g. "UDP's smallest for ≤ 1% late loss" or "--playout-delay".
    public var playoutDelayChoice: String
    public var udp: PathAnalysis
    public var tcp: PathAnalysis
    /// The raw runs, kept for the latency-over-time chart and the JSON; `nil` when not kept.
    public var udpMeasurement: PathMeasurement?
    public var tcpMeasurement: PathMeasurement?

    /// Analyses both runs. Without `playoutDelayMilliseconds` the delay is the UDP path's smallest
    /// swept delay with late loss ≤ 1 %, or the sweep's largest delay when UDP never gets there.
    /// `keepPackets: false` drops the per-packet records (smaller JSON, no latency-over-time chart).
    public init(
        label: String,
        udp udpMeasurement: PathMeasurement,
        tcp tcpMeasurement: PathMeasurement,
        playoutDelayMilliseconds: Double? = nil,
        keepPackets: Bool = true
    ) throws(CompareError) {
        let delay: Double
        let choice: String
        if let playoutDelayMilliseconds {
            delay = playoutDelayMilliseconds
            choice = "chosen by the caller"
        } else {
            let sweep = try DeadlineSweep(measurement: udpMeasurement)
            if let smallest = sweep.smallestDelayMilliseconds(forLateLossPercent: PathAnalysis.lateLossTargetPercent) {
                delay = smallest
                choice = "UDP's smallest for ≤ 1% late loss"
            } else {
                delay = DeadlineSweep.defaultToMilliseconds
                choice = "UDP never reached ≤ 1% late loss; largest swept delay"
            }
        }
        self.init(
            label: label, playoutDelayMilliseconds: delay, playoutDelayChoice: choice,
            udp: try PathAnalysis(measurement: udpMeasurement, playoutDelayMilliseconds: delay),
            tcp: try PathAnalysis(measurement: tcpMeasurement, playoutDelayMilliseconds: delay),
            udpMeasurement: keepPackets ? udpMeasurement : nil,
            tcpMeasurement: keepPackets ? tcpMeasurement : nil
        )
    }

    /// Memberwise (decoding, or analyses computed elsewhere).
    public init(
        label: String, playoutDelayMilliseconds: Double, playoutDelayChoice: String,
        udp: PathAnalysis, tcp: PathAnalysis,
        udpMeasurement: PathMeasurement? = nil, tcpMeasurement: PathMeasurement? = nil
    ) {
        self.label = label
        self.playoutDelayMilliseconds = playoutDelayMilliseconds
        self.playoutDelayChoice = playoutDelayChoice
        self.udp = udp
        self.tcp = tcp
        self.udpMeasurement = udpMeasurement
        self.tcpMeasurement = tcpMeasurement
    }

    /// TCP's p99 one-way latency divided by UDP's; `nil` when either is missing or UDP's is ≤ 0.
    public var p99LatencyRatio: Double? {
        guard let udpP99 = udp.latencyP99Milliseconds, let tcpP99 = tcp.latencyP99Milliseconds, udpP99 > 0 else { return nil }
        return tcpP99 / udpP99
    }

    /// One sentence computed from the numbers: how much later TCP's tail was than UDP's, why, and
    /// what each path needs to keep late loss ≤ 1 %.
    public var takeaway: String {
        let udpConcealed = CompareFormat.fixed(udp.concealedPercent, 1)
        let needs = delayClause
        guard let ratio = p99LatencyRatio else {
            return "No p99 ratio can be given (a path delivered nothing); UDP concealed \(udpConcealed)% of frames\(needs)."
        }
        let ratioText = CompareFormat.fixed(ratio, 1)
        if ratio >= 1.5 {
            return "TCP's p99 latency was \(ratioText)× UDP's: under \(label) every lost segment holds back "
                + "everything behind it until it is retransmitted, while UDP loses \(udpConcealed)% of frames "
                + "and conceals them\(needs)."
        }
        if ratio <= 1 / 1.5 {
            return "TCP's p99 latency was only \(ratioText)× UDP's, the reverse of the usual head-of-line cost "
                + "(check the measurement labels); UDP concealed \(udpConcealed)% of frames\(needs)."
        }
        return "TCP's p99 latency was \(ratioText)× UDP's: under \(label) there was little for TCP to retransmit, "
            + "so in-order delivery cost little, while UDP concealed \(udpConcealed)% of frames\(needs)."
    }

    private var delayClause: String {
        let udpNeed = udp.smallestDelayForOnePercentLateLossMilliseconds.map { "\(CompareFormat.fixed($0, 0)) ms" }
        let tcpNeed = tcp.smallestDelayForOnePercentLateLossMilliseconds.map { "\(CompareFormat.fixed($0, 0)) ms" }
        let ceiling = CompareFormat.fixed(udp.deadlineSweep.last?.delayMilliseconds ?? DeadlineSweep.defaultToMilliseconds, 0)
        return "; keeping late loss ≤ 1% needs a playout delay of \(tcpNeed ?? "more than \(ceiling) ms") on TCP "
            + "and \(udpNeed ?? "more than \(ceiling) ms") on UDP"
    }
}
