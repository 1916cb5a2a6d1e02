import JitterBuffer
import JitterbugSupport

/// A 20 ms, 48 kHz sender: frame k has sequence startSequence + k, timestamp startTimestamp + 960 k,
/// and is sent at k × 20 ms × (1 − driftPPM·10⁻⁶) (a fast sender clock sends more often).
struct Sender {
    var ssrc: UInt32 = 1
    var startSequence: UInt16 = 0
    var startTimestamp: UInt32 = 0
    var driftPPM: Double = 0
    var startTime: Duration = .zero

    func sendTime(_ k: Int) -> Duration {
        startTime + .nanoseconds(Int64((Double(k) * 20_000_000 / (1 + driftPPM / 1e6)).rounded()))
    }

    func packet(_ k: Int, delay: Duration, fec: Bool = false, dtx: Bool = false, payload: [UInt8] = [0xAB]) -> JitterBufferPacket {
        JitterBufferPacket(
            ssrc: ssrc, sequenceNumber: startSequence &+ UInt16(truncatingIfNeeded: k),
            timestamp: startTimestamp &+ UInt32(truncatingIfNeeded: k) &* 960,
            arrival: sendTime(k) + delay, payload: payload, hasFEC: fec, isDTX: dtx)
    }
}

/// One tick's result.
struct Tick {
    var time: Duration
    var frame: PlayoutFrame
}

/// Replays packets (sorted by arrival, stable) against a receiver ticking every 20 ms from the
/// buffer's `nextPlayoutTime`, until `end`. Returns the frames; `observe` runs after every tick.
@discardableResult
func drive(
    _ buffer: inout JitterBuffer, _ packets: [JitterBufferPacket], until end: Duration,
    insertOutcomes: ((JitterBufferPacket, InsertOutcome) -> Void)? = nil,
    observe: ((inout JitterBuffer, Tick?) -> Void)? = nil
) -> [Tick] {
    let sorted = packets.enumerated().sorted { ($0.element.arrival, $0.offset) < ($1.element.arrival, $1.offset) }
        .map(\.element)
    var index = 0
    var tick: Duration?
    var now: Duration = .zero
    var ticks: [Tick] = []
    while true {
        let arrival = index < sorted.count ? sorted[index].arrival : nil
        let due = tick ?? buffer.nextPlayoutTime.map { max($0, now) }
        if let due, due <= end, arrival.map({ due < $0 }) ?? true {
            now = due
            let frame = buffer.pop(now: due)
            if let frame { ticks.append(Tick(time: due, frame: frame)) }
            if frame != nil || tick != nil { tick = due + .milliseconds(20) }
            observe?(&buffer, frame.map { Tick(time: due, frame: $0) })
            if frame == nil, tick == nil {
                // Not due after all (estimate moved): let the next arrival happen first.
                guard index < sorted.count else { break }
                now = sorted[index].arrival
                let outcome = buffer.insert(sorted[index])
                insertOutcomes?(sorted[index], outcome)
                index += 1
            }
        } else if let arrival, arrival <= end {
            now = arrival
            let outcome = buffer.insert(sorted[index])
            insertOutcomes?(sorted[index], outcome)
            index += 1
        } else {
            break
        }
    }
    return ticks
}

extension PlayoutFrame {
    var playedSequence: UInt16? {
        if case .play(let packet) = self { return packet.sequenceNumber }
        return nil
    }
    var isConcealment: Bool {
        if case .conceal = self { return true }
        return false
    }
}

/// An isolated spike in calm traffic: 7,150 frames from `sender`, each delayed 10 ms plus
/// 0–5 ms of seeded jitter, and frames 1,000–1,149 (20–23 s) by 200 ms more.
func isolatedSpikePackets(_ sender: Sender = Sender(), seed: UInt64 = 7) -> [JitterBufferPacket] {
    var random = SplitMix64(seed: seed)
    return (0..<7150).map { k in
        let jitter = Duration.microseconds(Int64(random.nextUnitInterval() * 5_000))
        let spike: Duration = (1000..<1150).contains(k) ? .milliseconds(200) : .zero
        return sender.packet(k, delay: .milliseconds(10) + jitter + spike)
    }
}

func makeBuffer(_ configure: (inout JitterBufferConfiguration) -> Void = { _ in }) throws -> JitterBuffer {
    var configuration = JitterBufferConfiguration()
    configure(&configuration)
    return try JitterBuffer(configuration: configuration)
}
