import JitterbugSupport
import Stats

/// One once-per-interval line of receiver statistics (the iperf3-style report).
///
/// Coding keys are snake_case (`t_start_s`, ...), in the order of ``fieldNames``.
public struct IntervalRecord: Sendable, Equatable, Hashable, Codable {
    /// Interval start, seconds since the run started.
    public var startSeconds: Double
    /// Interval end, seconds since the run started.
    public var endSeconds: Double
    /// Distinct packets received in the interval (duplicates and dropped packets not counted);
    /// the intervals sum to the summary's `packets` (docs/counters.md).
    public var packets: Int64
    /// The interval's share of `lost_packets`: sequence numbers never received (≥ 0).
    public var lost: Int64
    /// Packets expected in the interval.
    public var expected: Int64
    /// lost / expected × 100, 0 when nothing was expected.
    public var lostPercent: Double
    /// Packets that arrived too late for playout in the interval.
    public var late: Int64
    /// RFC 3550 interarrival jitter at the end of the interval, ms.
    public var jitterMilliseconds: Double
    /// Median one-way latency in the interval, ms (0 when not measured).
    public var latencyP50Milliseconds: Double
    /// 99th-percentile one-way latency in the interval, ms (0 when not measured).
    public var latencyP99Milliseconds: Double
    /// The jitter buffer's playout delay at the end of the interval: how long the frame played
    /// then had waited since the fastest recent packet's arrival would have let it play, ms.
    /// Moves in whole frames, so it can sit up to a frame above ``targetDelayMilliseconds``.
    public var bufferMilliseconds: Double
    /// The delay the buffer is steering towards at the end of the interval (same reference as
    /// ``bufferMilliseconds``), ms; `nil` where no jitter buffer runs.
    public var targetDelayMilliseconds: Double?
    /// Payload bit rate in kbit/s (1 kbit = 1000 bit).
    public var kilobitsPerSecond: Double
    /// MOS estimate (E-model, see ``QualityEstimate``), 1...4.5.
    public var mos: Double
    /// Latest round-trip time in ms, `nil` when unknown.
    public var roundTripMilliseconds: Double?
    /// Telemetry: the largest age of information in the interval (now − capture time of the
    /// newest delivered sample, at its peaks just before each update), ms; `nil` for audio.
    public var ageOfInformationMaxMilliseconds: Double?
    /// Telemetry: the largest time between two successive deliveries of newer samples that
    /// ended in the interval, ms; `nil` for audio or when fewer than two updates came.
    public var updateGapMaxMilliseconds: Double?
    /// Net time-scaling of the primary stream's playout in the interval, ms: time inserted by
    /// preemptive expand minus time removed by accelerate (positive: the playout delay grew by
    /// it). `nil` where nothing is time-scaled (`--no-decode`, telemetry).
    public var scaledMilliseconds: Double?

    enum CodingKeys: String, CodingKey {
        case startSeconds = "t_start_s"
        case endSeconds = "t_end_s"
        case packets, lost, expected
        case lostPercent = "lost_percent"
        case late
        case jitterMilliseconds = "jitter_ms"
        case latencyP50Milliseconds = "latency_p50_ms"
        case latencyP99Milliseconds = "latency_p99_ms"
        case bufferMilliseconds = "buffer_ms"
        case targetDelayMilliseconds = "target_delay_ms"
        case kilobitsPerSecond = "kbps"
        case mos
        case roundTripMilliseconds = "rtt_ms"
        case ageOfInformationMaxMilliseconds = "aoi_max_ms"
        case updateGapMaxMilliseconds = "update_gap_max_ms"
        case scaledMilliseconds = "scaled_ms"
    }

    public init(
        startSeconds: Double, endSeconds: Double, packets: Int64, lost: Int64, expected: Int64, lostPercent: Double,
        late: Int64, jitterMilliseconds: Double, latencyP50Milliseconds: Double, latencyP99Milliseconds: Double,
        bufferMilliseconds: Double, kilobitsPerSecond: Double, mos: Double, roundTripMilliseconds: Double? = nil
    ) {
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.packets = packets
        self.lost = lost
        self.expected = expected
        self.lostPercent = lostPercent
        self.late = late
        self.jitterMilliseconds = jitterMilliseconds
        self.latencyP50Milliseconds = latencyP50Milliseconds
        self.latencyP99Milliseconds = latencyP99Milliseconds
        self.bufferMilliseconds = bufferMilliseconds
        self.kilobitsPerSecond = kilobitsPerSecond
        self.mos = mos
        self.roundTripMilliseconds = roundTripMilliseconds
    }

    /// Builds a record from an `IntervalCounter.Interval` closed at `end` seconds.
    /// - Parameters:
    ///   - latency: one-way latency samples of this interval (`nil` → 0/0).
    ///   - roundTripTime: latest RTT, `nil` when unknown.
    public init(
        endSeconds: Double, interval: IntervalCounter.Interval, late: Int64, jitterMilliseconds: Double,
        latency: LatencyHistogram?, bufferMilliseconds: Double, mos: Double, roundTripTime: Duration? = nil
    ) {
        self.init(
            startSeconds: endSeconds - interval.durationSeconds, endSeconds: endSeconds, packets: Int64(
                clamping: interval.packets), lost: interval.lost, expected: interval.expected,
            lostPercent: interval.lossPercent, late: late, jitterMilliseconds: jitterMilliseconds,
            latencyP50Milliseconds: latency?.percentileMilliseconds(50) ?? 0,
            latencyP99Milliseconds: latency?.percentileMilliseconds(99) ?? 0, bufferMilliseconds: bufferMilliseconds,
            kilobitsPerSecond: interval.payloadKilobitsPerSecond, mos: mos,
            roundTripMilliseconds: roundTripTime?.milliseconds)
    }
}
