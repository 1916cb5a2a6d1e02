import CAllocationCounter
import JitterBuffer
import Testing

/// Insert, pop and the time-scaling report stay allocation-free in steady state with
/// time-scaling on (#16), through reordering, loss and stalls that hold the playout point.
@Suite(.enabled(if: allocation_counter_available() == 1, "malloc counting is off in sanitizer builds"))
struct TimeScalingAllocationTests {
    @Test func insertPopAndTimeScalingDoNotAllocate() throws {
        var buffer = try JitterBuffer(configuration: JitterBufferConfiguration())
        buffer.enableTimeScaling()
        let payload: [UInt8] = [1, 2, 3]
        // 32,000 frames (640 s): every 50th swapped with its successor by 30 ms, every 97th
        // lost, and a 200 ms stall every 500 frames released at once. Measured over the last
        // 1,500 ticks: the target history (600 entries, one a second) is full by then; before,
        // it grows by doubling, so short streams do not pay for ten minutes of it.
        var arrivals: [(frame: Int, milliseconds: Int)] = (0..<32_000).compactMap { k in
            guard k % 97 != 0 else { return nil }
            var delay = 20 + (k * 7) % 9
            if k % 50 == 0 { delay += 30 }
            let phase = k % 500
            if phase >= 100, phase < 110 { delay += (110 - phase) * 20 }
            return (k, 20 * k + delay)
        }
        arrivals.sort { ($0.milliseconds, $0.frame) < ($1.milliseconds, $1.frame) }
        var allocating: [Int] = []
        var index = 0
        var played = 0
        for tick in 0..<32_100 {
            let now = 20 * tick + 10
            let count = withAllocationsCounted {
                while index < arrivals.count, arrivals[index].milliseconds <= now {
                    let k = arrivals[index].frame
                    let packet = JitterBufferPacket(
                        ssrc: 9, sequenceNumber: UInt16(truncatingIfNeeded: k), timestamp: UInt32(k * 960),
                        arrival: .milliseconds(arrivals[index].milliseconds), payload: [])
                    payload.withUnsafeBytes { _ = buffer.insert(packet, payload: $0) }
                    index += 1
                }
                while let due = buffer.nextPlayoutNanoseconds, due <= Int64(now) * 1_000_000 {
                    guard let frame = buffer.pop(nowNanoseconds: due) else { break }
                    if case .play = frame {
                        played += 1
                        let error = buffer.delayErrorNanoseconds * 48 / 1_000_000
                        if abs(error) >= 120 {
                            buffer.recordTimeScaling(samplesPerChannel: error > 0 ? -min(Int(error), 480) : min(Int(-error), 480), sampleRate: 48_000)
                        }
                    }
                }
            }
            if tick >= 30_600, count > 0 { allocating.append(tick) }
        }
        #expect(played > 30_000)
        #expect(buffer.timeScalingCounts.underrunHoldTicks > 0)
        #expect(buffer.ledger.isBalanced)
        #expect(allocating.isEmpty, "ticks \(allocating.prefix(20)) allocated")
    }

    private func withAllocationsCounted(_ body: () -> Void) -> Int {
        allocation_counter_start()
        defer { _ = allocation_counter_stop() }
        body()
        return allocation_counter_stop()
    }
}
