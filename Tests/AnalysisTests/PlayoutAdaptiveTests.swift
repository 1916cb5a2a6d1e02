import JitterBuffer
import Testing

@testable import Analysis

/// The adaptive policy against the jitter buffer driven directly, the way `recv`'s playout path
/// (and `jitterbuffer-eval`'s replay) drives it: ticks at `nextPlayoutTime` before each arrival.
@Suite struct PlayoutAdaptiveTests {
    /// The receiver's buffer for a 20 ms, 48 kHz stream: defaults, initial delay one frame.
    static func receiverBuffer() throws -> JitterBuffer {
        var configuration = JitterBufferConfiguration()
        configuration.clockRate = 48_000
        configuration.frameDuration = .milliseconds(20)
        configuration.initialDelay = .milliseconds(20)
        return try JitterBuffer(configuration: configuration)
    }

    /// The trace replayed directly: returns the buffer after the drain and `finish()`.
    static func directReplay(_ trace: PlayoutTrace) throws -> JitterBuffer {
        var buffer = try receiverBuffer()
        let origin = trace.packets.first?.arrivalNanoseconds ?? 0
        for packet in trace.packets {
            let arrival = Duration.nanoseconds(packet.arrivalNanoseconds - origin)
            while let due = buffer.nextPlayoutTime, due < arrival {
                guard buffer.pop(now: due) != nil else { break }
            }
            _ = buffer.insert(
                JitterBufferPacket(
                    ssrc: 1, sequenceNumber: packet.sequenceNumber, timestamp: packet.timestamp, arrival: arrival,
                    payload: [1, 2, 3]))
        }
        var ticks = 0
        while buffer.packetsBuffered > 0, let due = buffer.nextPlayoutTime, ticks < 1_000 {
            ticks += 1
            guard buffer.pop(now: due) != nil else { break }
        }
        buffer.finish()
        return buffer
    }

    @Test(arguments: [UInt64(1), 2])
    func lateLossMatchesTheBuffersLedger(seed: UInt64) throws {
        let trace = PlayoutTrace(seed: seed, frames: 3_000)
        var simulation = try PlayoutSimulation(policies: [.adaptive], clockRateHertz: 48_000, decodeOpus: false, wavPath: nil)
        trace.replay(into: &simulation)
        let result = try #require(try simulation.finish().first)
        let ledger = try Self.directReplay(trace).ledger
        #expect(ledger.isBalanced)
        let received = Double(Set(trace.packets.map(\.index)).count)
        #expect(ledger.lateArrivals > 0)
        #expect(simulation.adaptiveLedgerLateArrivals == ledger.lateArrivals)
        #expect(abs(result.lateLossPercent - 100 * Double(ledger.lateArrivals) / received) < 1e-9)
        let concealed = Double(ledger.concealedLost + ledger.concealedLate)
        #expect(abs(result.concealedPercent - 100 * concealed / Double(ledger.expected)) < 1e-9)
        #expect(result.meanPlayoutDelayMilliseconds > 0)
        #expect(result.p99PlayoutDelayMilliseconds >= result.meanPlayoutDelayMilliseconds - 1)
    }

    /// Every packet 30 ms in transit: nothing late or concealed, and the delay stays at the
    /// buffer's starting delay of one frame (its target floor after the first packets is 1 ms,
    /// and it only shrinks when 1¼ frames above target).
    @Test func constantDelayHasNoLateLossAndMinimalDelay() throws {
        let trace = PlayoutTrace(seed: 9, frames: 1_000, constantDelayMilliseconds: 30)
        var simulation = try PlayoutSimulation(
            policies: [.adaptive, .fixed(delayMilliseconds: 50)], clockRateHertz: 48_000, decodeOpus: false, wavPath: nil)
        trace.replay(into: &simulation)
        let results = try simulation.finish()
        #expect(results[0].lateLossPercent == 0)
        #expect(results[0].concealedPercent == 0)
        #expect(results[0].meanPlayoutDelayMilliseconds >= 0)
        #expect(results[0].meanPlayoutDelayMilliseconds <= 21)
        #expect(results[0].p99PlayoutDelayMilliseconds <= 21)
        #expect(results[1].meanPlayoutDelayMilliseconds == 50)
        #expect(simulation.delayNeeded(forLateLossPercent: 0) == 0)
    }

    /// A sender silent for an hour (sequence numbers continue, time jumps): the replay ends the
    /// stream after 10 s idle as recv does and starts afresh, so neither half has late loss and
    /// the gap costs no ticks.
    @Test func idleGapStartsAFreshBuffer() throws {
        var simulation = try PlayoutSimulation(policies: [.adaptive], clockRateHertz: 48_000, decodeOpus: false, wavPath: nil)
        let hour: Int64 = 3_600_000_000_000
        let clock = ContinuousClock.now
        for index in 0..<400 {
            let gap = index < 200 ? 0 : hour
            let media = Int64(index) * 20_000_000 + gap
            simulation.arrival(
                sequenceNumber: UInt16(index), timestamp: UInt32(truncatingIfNeeded: media / 1_000_000 * 48),
                marker: false, arrivalNanoseconds: media + 30_000_000, payload: [1, 2, 3][...])
        }
        let result = try #require(try simulation.finish().first)
        #expect(ContinuousClock.now - clock < .seconds(5))
        #expect(result.lateLossPercent == 0)
        #expect(result.concealedPercent == 0)
        #expect(result.meanPlayoutDelayMilliseconds <= 21)
    }
}
