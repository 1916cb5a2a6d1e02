import Stats

/// What one path's run means at one playout delay D: every figure of the `compare` table.
///
/// D is relative to the fastest packet: a packet is on time when its one-way delay is at most
/// minimum one-way delay + D, late when it arrived after that, lost when it never arrived.
/// Percentages are of packets sent. Latency figures are absolute one-way delays (under the
/// measurement's one-way delay assumption). MOS and R are ITU-T G.107 ESTIMATES, never measurements.
public struct PathAnalysis: Sendable, Equatable {
    public var path: String
    /// How the run was measured (copied from the measurement, printed with every table).
    public var measurement: String
    public var oneWayDelayAssumption: String?
    /// Playout delay D above the minimum one-way delay, milliseconds.
    public var playoutDelayMilliseconds: Double
    public var frameDurationMilliseconds: Double

    public var packetsSent: Int
    public var onTimePackets: Int
    public var latePackets: Int
    public var lostPackets: Int
    /// Late packets / sent, 0…100.
    public var latePercent: Double
    /// Lost packets / sent, 0…100.
    public var lostPercent: Double
    /// (late + lost) / sent, 0…100: the frames the decoder had to conceal.
    public var concealedPercent: Double

    /// One-way delay of the fastest packet, ms; `nil` when nothing arrived (as for the percentiles).
    public var minimumOneWayDelayMilliseconds: Double?
    /// One-way delay percentiles (nearest rank) and maximum over arrived packets, milliseconds.
    public var latencyP50Milliseconds: Double?
    public var latencyP95Milliseconds: Double?
    public var latencyP99Milliseconds: Double?
    public var latencyMaxMilliseconds: Double?
    /// RFC 3550 A.8 interarrival jitter with the send offsets as media clock, milliseconds.
    public var jitterMilliseconds: Double

    /// Gaps in arrival > 3 frames while the sender kept sending (head-of-line stalls on TCP).
    public var stalls: ArrivalStalls
    /// TCP retransmitted segments, when the measurement knows them.
    public var retransmittedSegments: Int?

    /// Late loss for D = 20, 30, … 1000 ms (or the sweep given).
    public var deadlineSweep: [DeadlinePoint]
    /// The smallest swept D with late loss ≤ 1 %, ms; `nil` when no swept delay achieves it.
    public var smallestDelayForOnePercentLateLossMilliseconds: Double?

    /// Payload of on-time packets in kbit/s over the media duration (packets sent × frame duration).
    public var goodputKilobitsPerSecond: Double
    /// (wire − payload) / wire bytes over all packets sent, 0…100.
    public var headerOverheadPercent: Double

    /// E-model input Ta: minimum one-way delay + D + one frame (packetisation), milliseconds.
    public var mouthToEarDelayEstimateMilliseconds: Double
    /// G.107 BurstR of the concealed frames (two-state Markov fit; 1 = random).
    public var burstRatio: Double
    /// G.107 R and MOS from Ta and concealed % with `codec`: estimates, not measurements.
    public var rFactorEstimate: Double
    public var mosEstimate: Double
    /// Name of the codec impairment values used for the estimate.
    public var codecImpairment: String

    /// Late loss bound for `smallestDelayForOnePercentLateLossMilliseconds`, percent.
    public static let lateLossTargetPercent = 1.0

    /// Analyses `measurement` at playout delay `playoutDelayMilliseconds` (≥ 0, finite) and sweeps
    /// late loss over `sweep…` bounds (see `DeadlineSweep`). Throws `CompareError.invalidDelay`.
    public init(
        measurement: PathMeasurement,
        playoutDelayMilliseconds: Double,
        sweepFromMilliseconds: Double = DeadlineSweep.defaultFromMilliseconds,
        sweepToMilliseconds: Double = DeadlineSweep.defaultToMilliseconds,
        sweepStepMilliseconds: Double = DeadlineSweep.defaultStepMilliseconds,
        codec: CodecImpairment = .opusProvisional
    ) throws(CompareError) {
        guard playoutDelayMilliseconds.isFinite, playoutDelayMilliseconds >= 0 else {
            throw .invalidDelay("playout delay \(playoutDelayMilliseconds) ms")
        }
        let sweep = try DeadlineSweep(
            measurement: measurement, fromMilliseconds: sweepFromMilliseconds,
            toMilliseconds: sweepToMilliseconds, stepMilliseconds: sweepStepMilliseconds
        )
        path = measurement.path
        self.measurement = measurement.measurement
        oneWayDelayAssumption = measurement.oneWayDelayAssumption
        self.playoutDelayMilliseconds = playoutDelayMilliseconds
        frameDurationMilliseconds = measurement.frameDurationMilliseconds
        packetsSent = measurement.packetsSent

        let sent = measurement.packetsSent
        let minimum = measurement.minimumOneWayDelayMicroseconds
        let deadline = (minimum ?? 0) + DeadlineSweep.microseconds(playoutDelayMilliseconds)
        var onTime = [Bool](repeating: false, count: sent)
        var late = 0
        var lost = 0
        var goodputBytes = 0
        var delays: [Int64] = []
        delays.reserveCapacity(sent)
        for index in 0..<sent {
            guard let delay = measurement.oneWayDelayMicroseconds(at: index) else { lost += 1; continue }
            delays.append(delay)
            if delay > deadline { late += 1 } else {
                onTime[index] = true
                goodputBytes += measurement.payloadBytes[index]
            }
        }
        onTimePackets = sent - late - lost
        latePackets = late
        lostPackets = lost
        latePercent = Self.percent(late, of: sent)
        lostPercent = Self.percent(lost, of: sent)
        concealedPercent = Self.percent(late + lost, of: sent)

        delays.sort()
        minimumOneWayDelayMilliseconds = minimum.map { Double($0) / 1000 }
        latencyP50Milliseconds = Self.nearestRank(delays, percentile: 50)
        latencyP95Milliseconds = Self.nearestRank(delays, percentile: 95)
        latencyP99Milliseconds = Self.nearestRank(delays, percentile: 99)
        latencyMaxMilliseconds = delays.last.map { Double($0) / 1000 }
        jitterMilliseconds = Self.interarrivalJitterMicroseconds(measurement) / 1000

        stalls = ArrivalStalls(measurement: measurement)
        retransmittedSegments = measurement.retransmittedSegments
        deadlineSweep = sweep.points
        smallestDelayForOnePercentLateLossMilliseconds = sweep.smallestDelayMilliseconds(forLateLossPercent: Self.lateLossTargetPercent)

        let mediaSeconds = Double(sent) * Double(measurement.frameDurationMicroseconds) / 1_000_000
        goodputKilobitsPerSecond = mediaSeconds > 0 ? Double(goodputBytes) * 8 / mediaSeconds / 1000 : 0
        let wire = measurement.wireBytes.reduce(0, +)
        let payload = measurement.payloadBytes.reduce(0, +)
        headerOverheadPercent = wire > 0 ? Double(wire - payload) * 100 / Double(wire) : 0

        mouthToEarDelayEstimateMilliseconds = Double(minimum ?? 0) / 1000 + playoutDelayMilliseconds + frameDurationMilliseconds
        burstRatio = Self.burstRatio(onTime: onTime)
        rFactorEstimate = EModel.rFactor(
            oneWayDelayMilliseconds: mouthToEarDelayEstimateMilliseconds, packetLossPercent: concealedPercent,
            burstRatio: burstRatio, codec: codec
        )
        mosEstimate = EModel.mos(rFactor: rFactorEstimate)
        codecImpairment = codec.name
    }

    static func percent(_ part: Int, of whole: Int) -> Double {
        whole > 0 ? Double(part) * 100 / Double(whole) : 0
    }

    /// Nearest-rank percentile of ascending microsecond values, in milliseconds; `nil` when empty.
    static func nearestRank(_ sorted: [Int64], percentile: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((percentile / 100 * Double(sorted.count)).rounded(.up))
        return Double(sorted[min(max(rank, 1), sorted.count) - 1]) / 1000
    }

    /// RFC 3550 A.8: J += (|D(i−1,i)| − J) / 16 in arrival order, D = (Rj − Ri) − (Sj − Si), µs.
    static func interarrivalJitterMicroseconds(_ measurement: PathMeasurement) -> Double {
        let arrived = (0..<measurement.packetsSent)
            .compactMap { index in measurement.arrivalOffsetMicroseconds[index].map { (arrival: $0, send: measurement.sendOffsetMicroseconds[index], index: index) } }
            .sorted { ($0.arrival, $0.index) < ($1.arrival, $1.index) }
        var jitter = 0.0
        for (previous, current) in zip(arrived, arrived.dropFirst()) {
            let difference = Double((current.arrival - previous.arrival) - (current.send - previous.send))
            jitter += (abs(difference) - jitter) / 16
        }
        return jitter
    }

    /// G.107 BurstR from the on-time/concealed sequence in send order: p = P(concealed | on time),
    /// r = P(on time | concealed), BurstR = 1 / (p + r).
    static func burstRatio(onTime: [Bool]) -> Double {
        var good = 0, bad = 0, goodToBad = 0, badToGood = 0
        for (previous, current) in zip(onTime, onTime.dropFirst()) {
            if previous { good += 1; if !current { goodToBad += 1 } } else { bad += 1; if current { badToGood += 1 } }
        }
        guard good > 0, bad > 0 else { return 1 }
        return EModel.burstRatio(
            goodToBadProbability: Double(goodToBad) / Double(good), badToGoodProbability: Double(badToGood) / Double(bad)
        )
    }
}

// Codable is synthesised, which Swift allows only in the type's own file. Field names are
// documented in docs/compare-json.md.
extension PathAnalysis: Codable {
    enum CodingKeys: String, CodingKey {
        case path, measurement
        case oneWayDelayAssumption = "one_way_delay_assumption"
        case playoutDelayMilliseconds = "playout_delay_ms"
        case frameDurationMilliseconds = "frame_duration_ms"
        case packetsSent = "packets_sent"
        case onTimePackets = "on_time_packets"
        case latePackets = "late_packets"
        case lostPackets = "lost_packets"
        case latePercent = "late_percent"
        case lostPercent = "lost_percent"
        case concealedPercent = "concealed_percent"
        case minimumOneWayDelayMilliseconds = "min_one_way_delay_ms"
        case latencyP50Milliseconds = "latency_p50_ms"
        case latencyP95Milliseconds = "latency_p95_ms"
        case latencyP99Milliseconds = "latency_p99_ms"
        case latencyMaxMilliseconds = "latency_max_ms"
        case jitterMilliseconds = "jitter_ms"
        case stalls
        case retransmittedSegments = "retransmitted_segments"
        case deadlineSweep = "deadline_sweep"
        case smallestDelayForOnePercentLateLossMilliseconds = "smallest_delay_late_1pct_ms"
        case goodputKilobitsPerSecond = "goodput_kbps"
        case headerOverheadPercent = "header_overhead_percent"
        case mouthToEarDelayEstimateMilliseconds = "mouth_to_ear_delay_estimate_ms"
        case burstRatio = "burst_ratio"
        case rFactorEstimate = "r_factor_estimate"
        case mosEstimate = "mos_estimate"
        case codecImpairment = "codec_impairment"
    }
}
