import JitterBuffer

/// Result of replaying one trace through one buffer configuration.
struct ReplayResult {
    /// Mean of (playout tick − send time) over played frames, ms (end to end, network included).
    var meanDelayMilliseconds: Double
    /// Packets that arrived after their slot, % of packets the network delivered.
    var lateLossPercent: Double
    /// Concealment ticks (PLC of any reason), % of all ticks.
    var concealmentPercent: Double
    var packets: Int
    var ticks: Int
    var balanced: Bool
    var driftPPM: Double
}

/// Replays `trace` against a receiver ticking every 20 ms from the buffer's `nextPlayoutTime`.
func replay(_ trace: Trace, configuration: JitterBufferConfiguration) throws -> ReplayResult {
    var buffer = try JitterBuffer(configuration: configuration)
    var arrivals: [(arrival: Double, k: Int)] = []
    arrivals.reserveCapacity(trace.delayMilliseconds.count)
    for k in trace.delayMilliseconds.indices where !trace.lost[k] {
        arrivals.append((trace.sendMilliseconds(k) + trace.delayMilliseconds[k], k))
    }
    arrivals.sort { ($0.arrival, $0.k) < ($1.arrival, $1.k) }
    let packets = arrivals.map { entry in
        JitterBufferPacket(
            ssrc: 7, sequenceNumber: UInt16(truncatingIfNeeded: entry.k),
            timestamp: UInt32(truncatingIfNeeded: entry.k &* 960),
            arrival: .nanoseconds(Int64(entry.arrival * 1e6)), payload: [1, 2, 3], hasFEC: true)
    }
    let end = Duration.milliseconds(Int64(trace.sendMilliseconds(trace.delayMilliseconds.count) + 1_000))
    var index = 0
    var tick: Duration?
    var now: Duration = .zero
    var delaySum = 0.0
    var played = 0
    var ticks = 0
    var concealed = 0
    var lastSequence: Int64 = -1
    while true {
        let arrival = index < packets.count ? packets[index].arrival : nil
        let due = tick ?? buffer.nextPlayoutTime.map { max($0, now) }
        if let due, due <= end, arrival.map({ due < $0 }) ?? true {
            now = due
            guard let frame = buffer.pop(now: due) else {
                if tick != nil { tick = due + .milliseconds(20); continue }
                guard index < packets.count else { break }
                _ = buffer.insert(packets[index])
                index += 1
                continue
            }
            tick = due + .milliseconds(20)
            ticks += 1
            switch frame {
            case .play(let packet):
                // Unwrap the 16-bit sequence number against the previous one.
                let k = lastSequence + Int64(Int16(bitPattern: packet.sequenceNumber &- UInt16(truncatingIfNeeded: lastSequence)))
                lastSequence = k
                delaySum += Double((due.nanoseconds)) / 1e6 - trace.sendMilliseconds(Int(k))
                played += 1
            case .conceal: concealed += 1
            default: break
            }
        } else if let arrival, arrival <= end {
            now = arrival
            _ = buffer.insert(packets[index])
            index += 1
        } else {
            break
        }
    }
    buffer.finish()
    let ledger = buffer.ledger
    return ReplayResult(
        meanDelayMilliseconds: played == 0 ? 0 : delaySum / Double(played),
        lateLossPercent: 100 * Double(ledger.lateArrivals) / Double(max(1, packets.count)),
        concealmentPercent: 100 * Double(concealed) / Double(max(1, ticks)),
        packets: packets.count, ticks: ticks, balanced: ledger.isBalanced,
        driftPPM: buffer.snapshot.estimatedDriftPPM)
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
