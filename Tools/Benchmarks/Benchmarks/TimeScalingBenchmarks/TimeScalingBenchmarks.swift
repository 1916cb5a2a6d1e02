import Benchmark
import Media
import Opus

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Per-frame cost of time-scaling (#16) on decoded PCM: one 20 ms mono 48 kHz frame, the pitch
// period search (every lag of 2.5–10 ms at 4 kHz, then 12 kHz and full-rate refinement around
// the best peaks) and the overlap-add splice. Same steady voiced signal as OpusBenchmarks (140 Hz with five harmonics and a little
// noise), so the correlation passes and every call splices; the block is refilled each
// iteration from a buffer reserved once, as AudioPlayout does (0 allocations expected).

let frameSamples = 960
let frameCount = 50

let pcmFrames: [[Int16]] = {
    var random: UInt64 = 3
    return (0..<frameCount).map { frame in
        (0..<frameSamples).map { index in
            let t = Double(frame * frameSamples + index) / 48_000
            var value = 0.0
            for harmonic in 1...6 {
                value += sin(2 * Double.pi * 140 * Double(harmonic) * t) / Double(harmonic)
            }
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let noise = Double(Int64(random >> 33) % 2_001 - 1_000) / 1_000
            return Int16(clamping: Int((value * 0.2 + noise * 0.01) * 32_767))
        }
    }
}()

/// The scaler and the block it works on, built once; the block is refilled (unmeasured) from
/// the next of the 50 frames before every measured call.
final class Scaling: @unchecked Sendable {
    var scaler = TimeScaler(sampleRate: 48_000, channels: 1, maximumBlockSamples: frameSamples)
    var block: [Int16] = []
    var frame = 0
    var spliced = 0

    init() { block.reserveCapacity((frameSamples + scaler.maximumLag) * 2) }

    func refill() {
        block.removeAll(keepingCapacity: true)
        block.append(contentsOf: pcmFrames[frame])
        frame = (frame + 1) % frameCount
    }
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .one, maxDuration: .seconds(4),
        maxIterations: 1_000_000)
    precondition(pcmFrames.count == frameCount)

    let accelerating = Scaling()
    Benchmark("Time-scaling accelerate 20 ms (search + splice)", configuration: configuration) { benchmark in
        accelerating.refill()
        benchmark.startMeasurement()
        accelerating.spliced &+= accelerating.scaler.accelerate(&accelerating.block).samplesPerChannel
        benchmark.stopMeasurement()
        blackHole(accelerating.spliced)
    }

    let expanding = Scaling()
    Benchmark("Time-scaling preemptive expand 20 ms (search + splice)", configuration: configuration) { benchmark in
        expanding.refill()
        benchmark.startMeasurement()
        expanding.spliced &+= expanding.scaler.preemptiveExpand(&expanding.block).samplesPerChannel
        benchmark.stopMeasurement()
        blackHole(expanding.spliced)
    }

    // The goal's ratio measured directly: every iteration decodes the next packet with the Codec
    // wrapper and accelerates the PCM it returned, timing each (alternating which goes first),
    // so load from other processes hits both sides alike. The p50s of the two custom metrics
    // give the ratio; "time-scaling / decode (‰)" is each iteration's own ratio.
    let pairedMetrics: [BenchmarkMetric] = [
        .custom("Opus decode (ns)"), .custom("accelerate (ns)"), .custom("time-scaling / decode (‰)"),
    ]
    let paired = Benchmark.Configuration(
        metrics: pairedMetrics, units: Dictionary(uniqueKeysWithValues: pairedMetrics.map { ($0, .count) }),
        scalingFactor: .one, maxDuration: .seconds(6), maxIterations: 1_000_000)
    do {
        guard let encoder = try? Opus.OpusEncoder(OpusEncoderConfiguration()),
            let decoder = try? Opus.OpusDecoder(sampleRate: 48_000, channels: 1)
        else { preconditionFailure("Opus encoder or decoder failed") }
        let packets = pcmFrames.map { frame in (try? encoder.encode(frame)) ?? [] }
        precondition(packets.allSatisfy { !$0.isEmpty }, "opus encode failed")
        let scaling = Scaling()
        var decodeFirst = true
        var previous = (try? decoder.decode(packets[frameCount - 1])) ?? []
        Benchmark("Time-scaling accelerate vs Opus decode 20 ms, paired", configuration: paired) { benchmark in
            for _ in benchmark.scaledIterations {
                let packet = packets[scaling.frame]
                scaling.frame = (scaling.frame + 1) % frameCount
                let clock = ContinuousClock()
                var decoded: [Int16] = []
                func nanoseconds(_ duration: Duration) -> Int {
                    Int(duration.components.seconds) * 1_000_000_000 + Int(duration.components.attoseconds / 1_000_000_000)
                }
                func decode() -> Int {
                    let start = clock.now
                    decoded = (try? decoder.decode(packet)) ?? []
                    return nanoseconds(clock.now - start)
                }
                func accelerate() -> Int {
                    let start = clock.now
                    scaling.spliced &+= scaling.scaler.accelerate(&scaling.block).samplesPerChannel
                    return nanoseconds(clock.now - start)
                }
                // Time-scaling goes first on the previous iteration's decoded frame.
                var decodeTime = 0, scaleTime = 0
                if decodeFirst {
                    decodeTime = decode()
                    scaling.block.removeAll(keepingCapacity: true)
                    scaling.block.append(contentsOf: decoded)
                    scaleTime = accelerate()
                } else {
                    scaling.block.removeAll(keepingCapacity: true)
                    scaling.block.append(contentsOf: previous)
                    scaleTime = accelerate()
                    decodeTime = decode()
                }
                previous = decoded
                decodeFirst.toggle()
                blackHole(scaling.spliced)
                benchmark.measurement(.custom("Opus decode (ns)"), decodeTime)
                benchmark.measurement(.custom("accelerate (ns)"), scaleTime)
                benchmark.measurement(.custom("time-scaling / decode (‰)"), scaleTime * 1000 / max(1, decodeTime))
            }
        }
    }
}
