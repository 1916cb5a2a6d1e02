import JitterBuffer

/// Replays a trace through Jitterbug's own ``JitterBuffer`` as `recv` drives it: a receiver that
/// ticks every 20 ms from the buffer's `nextPlayoutTime`, inserting each packet at its arrival.
/// Records when each frame's `.play` tick happened. Packets carry no FEC (as for the baselines).
package struct JitterbugReplay {
    /// The buffer's configuration.
    package var configuration: JitterBufferConfiguration
    /// Name in tables and plots.
    package var name: String

    /// Jitterbug's adaptive buffer with `configuration` (default: ``recvConfiguration``).
    package init(configuration: JitterBufferConfiguration = JitterbugReplay.recvConfiguration, name: String = "Jitterbug adaptive") {
        self.configuration = configuration
        self.name = name
    }

    /// The buffer as `recv` sets it up for 20 ms Opus frames (`ReceivedStream.startPlayout`):
    /// the defaults with the initial delay cut to one frame.
    package static var recvConfiguration: JitterBufferConfiguration {
        var configuration = JitterBufferConfiguration()
        configuration.initialDelay = min(configuration.initialDelay, configuration.frameDuration)
        return configuration
    }

    /// Replays `trace`; throws only if the configuration is invalid.
    package func run(_ trace: Trace) throws(JitterBufferConfigurationError) -> PlayoutRecord {
        var buffer = try JitterBuffer(configuration: configuration)
        var record = PlayoutRecord(name: name, frames: trace.count)
        let arrivals = trace.arrivals
        let packets = arrivals.map { entry in
            JitterBufferPacket(
                ssrc: 7, sequenceNumber: UInt16(truncatingIfNeeded: entry.frame),
                timestamp: UInt32(truncatingIfNeeded: entry.frame &* 960),
                arrival: Self.duration(milliseconds: entry.arrivalMilliseconds), payload: [1, 2, 3])
        }
        let end = Self.duration(milliseconds: trace.sendMilliseconds(trace.count) + 3_000)
        var index = 0
        var tick: Duration?
        var now: Duration = .zero
        var lastFrame = -1
        while true {
            let arrival = index < packets.count ? packets[index].arrival : nil
            let due = tick ?? buffer.nextPlayoutTime.map { max($0, now) }
            if let due, due <= end, arrival.map({ due < $0 }) ?? true {
                now = due
                guard let frame = buffer.pop(now: due) else {
                    if tick != nil {
                        tick = due + .milliseconds(20)
                        continue
                    }
                    guard index < packets.count else { break }
                    insert(&buffer, packets[index], frame: arrivals[index].frame, into: &record)
                    index += 1
                    continue
                }
                tick = due + .milliseconds(20)
                if case .play(let packet) = frame {
                    // Unwrap the 16-bit sequence number next to the previous frame played.
                    let k = lastFrame + Int(Int16(bitPattern: packet.sequenceNumber &- UInt16(truncatingIfNeeded: lastFrame)))
                    lastFrame = k
                    if record.playoutMilliseconds.indices.contains(k) {
                        record.playoutMilliseconds[k] = Double(due.components.seconds) * 1_000
                            + Double(due.components.attoseconds) / 1e15
                    }
                }
            } else if let arrival, arrival <= end {
                now = arrival
                insert(&buffer, packets[index], frame: arrivals[index].frame, into: &record)
                index += 1
            } else {
                break
            }
        }
        buffer.finish()
        return record
    }

    private func insert(_ buffer: inout JitterBuffer, _ packet: JitterBufferPacket, frame: Int, into record: inout PlayoutRecord) {
        switch buffer.insert(packet) {
        case .late, .rejected(.tooOld): record.late[frame] = true
        default: break
        }
    }

    static func duration(milliseconds: Double) -> Duration { .nanoseconds(Int64((milliseconds * 1e6).rounded())) }
}
