import JitterBuffer

/// Replays a trace through Jitterbug's own ``JitterBuffer`` as `recv` drives it: a receiver that
/// ticks every 20 ms from the buffer's `nextPlayoutTime`, inserting each packet at its arrival.
/// Records when each frame's `.play` tick happened. Packets carry no FEC (as for the baselines).
///
/// With ``timeScaling`` the replay is `recv`'s decoded playout (#16): after each played frame it
/// makes `AudioPlayout`'s decision — accelerate by the excess over target, or expand by the
/// deficit, one pitch period of 2.5–10 ms (a 20 ms frame holds two periods of at most 10 ms) —
/// and reports it to the buffer, so the next tick moves by that much. The signal is assumed
/// always splicable, the same assumption ``TimeScaledPlayout`` makes for the baselines.
package struct JitterbugReplay {
    /// The buffer's configuration.
    package var configuration: JitterBufferConfiguration
    /// Name in tables and plots.
    package var name: String
    /// Whether the player time-scales decoded frames (see the type's documentation).
    package var timeScaling: Bool

    /// Jitterbug's adaptive buffer with `configuration` (default: ``recvConfiguration``).
    package init(
        configuration: JitterBufferConfiguration = JitterbugReplay.recvConfiguration, name: String = "Jitterbug adaptive",
        timeScaling: Bool = false
    ) {
        self.configuration = configuration
        self.name = name
        self.timeScaling = timeScaling
    }

    /// Shortest and longest pitch period spliced, samples at 48 kHz (2.5 ms, 10 ms).
    static let periodSamples = 120...480

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
        if timeScaling { buffer.enableTimeScaling() }
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
        var countsAtLastArrival: TimeScalingCounts?
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
                    if index == packets.count { countsAtLastArrival = buffer.timeScalingCounts }
                    continue
                }
                tick = due + .milliseconds(20)
                if timeScaling, case .play = frame {
                    scale(&buffer)
                    tick = buffer.nextPlayoutTime ?? tick
                }
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
                if index == packets.count { countsAtLastArrival = buffer.timeScalingCounts }
            } else {
                break
            }
        }
        // Held ticks while packets were still to come, less those that stood in for lost
        // frames (the baselines' replay does not count a lost frame's concealment either).
        let counts = countsAtLastArrival ?? buffer.timeScalingCounts
        record.underrunExpandMilliseconds =
            Double(max(0, counts.underrunHoldTicks - buffer.timeScalingCounts.underrunHoldCoveredLostFrames)) * 20
        buffer.finish()
        return record
    }

    /// `AudioPlayout`'s decision after a played frame: one period towards the target.
    private func scale(_ buffer: inout JitterBuffer) {
        let errorSamples = Int(buffer.delayErrorNanoseconds * 48 / 1_000_000)
        if errorSamples >= Self.periodSamples.lowerBound {
            buffer.recordTimeScaling(samplesPerChannel: -min(errorSamples, Self.periodSamples.upperBound), sampleRate: 48_000)
        } else if -errorSamples >= Self.periodSamples.lowerBound {
            buffer.recordTimeScaling(samplesPerChannel: min(-errorSamples, Self.periodSamples.upperBound), sampleRate: 48_000)
        }
    }

    private func insert(_ buffer: inout JitterBuffer, _ packet: JitterBufferPacket, frame: Int, into record: inout PlayoutRecord) {
        switch buffer.insert(packet) {
        case .late, .rejected(.tooOld): record.late[frame] = true
        default: break
        }
    }

    static func duration(milliseconds: Double) -> Duration { .nanoseconds(Int64((milliseconds * 1e6).rounded())) }
}
