import Benchmark
import JitterBuffer

/// Drives a buffer the way the receiver does in steady state: one 20 ms frame arrives (0–10 ms of
/// network jitter), then one playout tick pops one frame; the synthetic clock advances 20 ms per
/// frame. The buffer copies each payload into storage it recycles (`insert(_:payload:)`, the
/// receive path's form, is what `insert(_:)` calls).
final class SteadyStateDriver {
    var buffer: JitterBuffer
    var frame = 0
    var random: UInt64 = 9
    let payload = [UInt8](repeating: 0x5A, count: 80)

    init() {
        guard let created = try? JitterBuffer() else { preconditionFailure("default configuration is valid") }
        buffer = created
        // One minute of traffic first: the estimator, baseline and delay have settled, and
        // (checked) the ticks that follow play the packets rather than conceal.
        for _ in 0..<3_000 { step() }
        let played = buffer.ledger.played
        for _ in 0..<1_000 { step() }
        precondition(buffer.ledger.played - played >= 990, "not in steady state: \(buffer.ledger)")
    }

    /// One packet in, one playout tick out.
    @inline(__always) func step() {
        let sent = Int64(frame) * 20_000_000
        random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let jitter = Int64(random >> 33) % 10_000_000
        let packet = JitterBufferPacket(
            ssrc: 0xDEAD_BEEF, sequenceNumber: UInt16(truncatingIfNeeded: frame),
            timestamp: UInt32(truncatingIfNeeded: frame &* 960), arrival: .nanoseconds(sent + jitter),
            payload: payload)
        blackHole(buffer.insert(packet))
        blackHole(buffer.pop(now: .nanoseconds(sent + 15_000_000)))
        frame += 1
    }
}

let benchmarks: @Sendable () -> Void = {
    // Built (and warmed) once; it keeps its clock and state across iterations.
    let driver = SteadyStateDriver()
    Benchmark(
        "Jitter buffer insert + pop (steady state, 20 ms frames)",
        configuration: .init(
            metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(2))
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            driver.step()
        }
    }
}
