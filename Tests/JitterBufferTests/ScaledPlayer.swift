import JitterBuffer

/// A player that time-scales as `AudioPlayout` does, on a signal that can always be spliced:
/// after every played frame it accelerates by the excess over target (at most 10 ms, at least
/// the 2.5 ms shortest period) or expands by the deficit, and reports it to the buffer. Ticks
/// follow the buffer's `nextPlayoutTime`, so a shortened frame brings the next tick forward.
struct ScaledPlayer {
    /// One played or concealed tick.
    struct Tick {
        var time: Duration
        var frame: PlayoutFrame
        /// Playout delay minus target at this tick before scaling, ms.
        var errorMilliseconds: Double
        /// Target delay at this tick, ms.
        var targetMilliseconds: Double
    }

    var ticks: [Tick] = []
    /// (arrival, outcome) of every insert.
    var outcomes: [(arrival: Duration, outcome: InsertOutcome)] = []
    /// Largest packets buffered at any time.
    var maximumBuffered = 0
    /// When to take ``countsAtMark`` (the first tick at or after it).
    var mark: Duration = .seconds(2)
    /// The buffer's time-scaling counts at ``mark`` (start-up excluded).
    var countsAtMark = TimeScalingCounts()
    private var marked = false

    /// Replays `packets` (sorted by arrival, stable) until `end`.
    mutating func run(_ buffer: inout JitterBuffer, _ packets: [JitterBufferPacket], until end: Duration) {
        buffer.enableTimeScaling()
        let sorted = packets.enumerated().sorted { ($0.element.arrival, $0.offset) < ($1.element.arrival, $1.offset) }
            .map(\.element)
        var index = 0
        while true {
            let arrival = index < sorted.count ? sorted[index].arrival : nil
            if let due = buffer.nextPlayoutTime, due <= end, arrival.map({ due < $0 }) ?? true {
                guard let frame = buffer.pop(now: due) else {
                    guard index < sorted.count else { return }
                    insert(&buffer, sorted[index])
                    index += 1
                    continue
                }
                if !marked, due >= mark {
                    marked = true
                    countsAtMark = buffer.timeScalingCounts
                }
                let error = buffer.delayErrorNanoseconds
                let snapshot = buffer.snapshot
                ticks.append(
                    Tick(time: due, frame: frame, errorMilliseconds: Double(error) / 1e6,
                         targetMilliseconds: snapshot.targetDelayMilliseconds))
                if case .play = frame {
                    let samples = Int(error * 48 / 1_000_000)
                    if samples >= 120 {
                        buffer.recordTimeScaling(samplesPerChannel: -min(samples, 480), sampleRate: 48_000)
                    } else if samples <= -120 {
                        buffer.recordTimeScaling(samplesPerChannel: min(-samples, 480), sampleRate: 48_000)
                    }
                }
            } else if let arrival, arrival <= end {
                insert(&buffer, sorted[index])
                index += 1
            } else {
                return
            }
        }
    }

    private mutating func insert(_ buffer: inout JitterBuffer, _ packet: JitterBufferPacket) {
        outcomes.append((packet.arrival, buffer.insert(packet)))
        maximumBuffered = max(maximumBuffered, buffer.packetsBuffered)
    }

    /// Late arrivals among packets arriving in `range`, as a fraction of those packets.
    func lateFraction(arrivingIn range: Range<Duration>) -> Double {
        let inRange = outcomes.filter { range.contains($0.arrival) }
        guard !inRange.isEmpty else { return 0 }
        return Double(inRange.filter { $0.outcome == .late }.count) / Double(inRange.count)
    }

    /// Played ticks in `range`.
    func played(in range: Range<Duration>) -> [Tick] {
        ticks.filter {
            guard range.contains($0.time) else { return false }
            if case .play = $0.frame { return true }
            return false
        }
    }
}

/// Deterministic Gaussian-ish delays (sum of 12 uniforms − 6: mean 0, σ 1), from a 64-bit LCG.
struct GaussianDelays {
    var state: UInt64

    mutating func next(meanMilliseconds: Double, sigmaMilliseconds: Double) -> Duration {
        var sum = 0.0
        for _ in 0..<12 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            sum += Double(state >> 11) / Double(1 << 53)
        }
        let milliseconds = max(0, meanMilliseconds + sigmaMilliseconds * (sum - 6))
        return .microseconds(Int64((milliseconds * 1000).rounded()))
    }
}
