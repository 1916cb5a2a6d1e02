import Benchmark
import Stats

/// One stream's per-packet statistics as the receiver keeps them (ReceivedStream): RFC 3550
/// reception statistics with A.8 jitter, and the one-way delay from the send-time extension into
/// two latency histograms and the RFC 5481 delay variation. Frames every 20 ms with 0–10 ms of
/// delay jitter; 1 in 128 packets overtakes its predecessor (reordering).
final class StreamStatistics {
    var statistics = RTPReceptionStatistics(clockRateHertz: 48_000)
    var oneWayDelay = LatencyHistogram()
    var intervalLatency = LatencyHistogram()
    var delayVariation = DelayVariation()
    var frame = 0
    var held: Int?
    var lastArrival = Duration.zero
    var random: UInt64 = 5

    /// Sequence number, RTP timestamp, arrival and one-way delay of the next packet.
    @inline(__always) func next() -> (UInt16, UInt32, Duration, Duration) {
        random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let k: Int
        if let earlier = held {
            k = earlier  // the packet overtaken by its successor
            held = nil
        } else if random >> 57 == 0 {
            k = frame + 1  // 1 in 128: swapped with its predecessor
            held = frame
            frame += 2
        } else {
            k = frame
            frame += 1
        }
        let delay = Duration.nanoseconds(30_000_000 + Int64(random >> 33) % 10_000_000)
        lastArrival = max(lastArrival, .nanoseconds(Int64(k) * 20_000_000) + delay)
        return (UInt16(truncatingIfNeeded: k), UInt32(truncatingIfNeeded: k &* 960), lastArrival, delay)
    }

    init() {
        for _ in 0..<3_000 { recordAll() }  // valid source, histograms populated
        precondition(statistics.isValid && statistics.reorderedPackets > 0 && statistics.duplicatePackets == 0)
    }

    @inline(__always) func recordStatistics() {
        let (sequence, timestamp, arrival, _) = next()
        blackHole(
            statistics.record(sequenceNumber: sequence, rtpTimestamp: timestamp, arrival: arrival, payloadBytes: 160))
    }

    @inline(__always) func recordAll() {
        let (sequence, timestamp, arrival, delay) = next()
        blackHole(
            statistics.record(sequenceNumber: sequence, rtpTimestamp: timestamp, arrival: arrival, payloadBytes: 160))
        oneWayDelay.record(delay)
        intervalLatency.record(delay)
        delayVariation.record(oneWayDelay: delay)
    }
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(2))
    let reception = StreamStatistics()
    let full = StreamStatistics()

    Benchmark("Stats RTPReceptionStatistics.record (A.1 + A.8 jitter)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            reception.recordStatistics()
        }
    }

    Benchmark("Stats record + one-way delay (2 histograms + PDV)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            full.recordAll()
        }
    }
}
