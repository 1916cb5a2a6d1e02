import Benchmark
import CLibopus
import Opus

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Codec's wrapper against libopus called directly, on the same frames: 20 ms mono 48 kHz at
// 32 kbit/s, complexity 10, voip (the OpusEncoderConfiguration defaults the sender uses). Each
// iteration is one frame; both sides cycle through the same second of audio (50 frames) from a
// fresh encoder/decoder, so they do identical codec work. Direct calls write into buffers
// allocated once, as a C caller would; the wrapper returns a new array per call.

let frameSamples = 960
let frameCount = 50

/// One second of a steady voiced test signal (a 140 Hz fundamental with five harmonics and a
/// little noise) as 50 frames of 16-bit PCM. Steady, so every frame costs the codec about the
/// same and the median is not a pick between frames of different cost.
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

/// libopus encoder configured like `OpusEncoder(OpusEncoderConfiguration())`.
func makeDirectEncoder() -> OpaquePointer {
    var status: Int32 = 0
    guard let encoder = opus_encoder_create(48_000, 1, OPUS_APPLICATION_VOIP, &status), status == OPUS_OK,
        clibopus_encoder_set_bitrate(encoder, 32_000) == OPUS_OK,
        clibopus_encoder_set_complexity(encoder, 10) == OPUS_OK,
        clibopus_encoder_set_inband_fec(encoder, 0) == OPUS_OK,
        clibopus_encoder_set_packet_loss_perc(encoder, 0) == OPUS_OK,
        clibopus_encoder_set_dtx(encoder, 0) == OPUS_OK,
        clibopus_encoder_set_signal(encoder, OPUS_AUTO) == OPUS_OK
    else { preconditionFailure("opus_encoder_create failed: \(status)") }
    return encoder
}

func makeDirectDecoder() -> OpaquePointer {
    var status: Int32 = 0
    guard let decoder = opus_decoder_create(48_000, 1, &status), status == OPUS_OK else {
        preconditionFailure("opus_decoder_create failed: \(status)")
    }
    return decoder
}

/// Encodes one frame with a direct encoder into `output` (4000 bytes); returns the length.
@inline(__always)
func directEncode(_ encoder: OpaquePointer, _ pcm: [Int16], _ output: UnsafeMutablePointer<UInt8>) -> Int32 {
    pcm.withUnsafeBufferPointer { input in
        // Never nil: every frame has 960 samples.
        guard let source = input.baseAddress else { return OPUS_BAD_ARG }
        return opus_encode(encoder, source, Int32(frameSamples), output, 4_000)
    }
}

/// The 50 frames encoded once (what the decoders get).
let packets: [[UInt8]] = {
    let encoder = makeDirectEncoder()
    let output = UnsafeMutablePointer<UInt8>.allocate(capacity: 4_000)
    defer {
        opus_encoder_destroy(encoder)
        output.deallocate()
    }
    return pcmFrames.map { frame in
        let length = directEncode(encoder, frame, output)
        precondition(length > 0, "opus_encode failed: \(length)")
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }
}()

/// Which of the 50 frames a benchmark's next iteration uses.
final class Cursor {
    var index = 0
    @inline(__always) func next() -> Int {
        defer { index = index == frameCount - 1 ? 0 : index + 1 }
        return index
    }
}

/// Runs both closures, in the given order, and returns their wall-clock times in nanoseconds.
@inline(__always)
func timePair(directFirst: Bool, _ direct: () -> Void, _ wrapper: () -> Void) -> (direct: Int, wrapper: Int) {
    let clock = ContinuousClock()
    func timed(_ body: () -> Void) -> Int {
        let start = clock.now
        body()
        let (seconds, attoseconds) = (clock.now - start).components
        return Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    }
    if directFirst {
        let d = timed(direct)
        return (d, timed(wrapper))
    }
    let w = timed(wrapper)
    return (timed(direct), w)
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .one, maxDuration: .seconds(4),
        maxIterations: 1_000_000)
    // Build the inputs before anything is measured.
    precondition(pcmFrames.count == frameCount && packets.count == frameCount)

    do {
        let encoder = makeDirectEncoder()
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: 4_000)  // lives as long as the process
        let cursor = Cursor()
        Benchmark("Opus encode 20 ms, libopus direct", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(directEncode(encoder, pcmFrames[cursor.next()], output))
            }
        }
    }

    do {
        guard let encoder = try? Opus.OpusEncoder(OpusEncoderConfiguration()) else {
            preconditionFailure("OpusEncoder failed")
        }
        let cursor = Cursor()
        Benchmark("Opus encode 20 ms, Codec wrapper", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try? encoder.encode(pcmFrames[cursor.next()]))
            }
        }
    }

    do {
        let decoder = makeDirectDecoder()
        let output = UnsafeMutablePointer<Int16>.allocate(capacity: 5_760)  // 120 ms, as the wrapper allows
        let cursor = Cursor()
        Benchmark("Opus decode 20 ms, libopus direct", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                let samples = packets[cursor.next()].withUnsafeBufferPointer { input in
                    opus_decode(decoder, input.baseAddress, Int32(input.count), output, 5_760, 0)
                }
                blackHole(samples)
            }
        }
    }

    do {
        guard let decoder = try? Opus.OpusDecoder(sampleRate: 48_000, channels: 1) else {
            preconditionFailure("OpusDecoder failed")
        }
        let cursor = Cursor()
        Benchmark("Opus decode 20 ms, Codec wrapper", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try? decoder.decode(packets[cursor.next()]))
            }
        }
    }
    // The same comparison interleaved: every iteration runs both on the same frame (alternating
    // which goes first) and times each, so load from other processes hits both sides alike.
    // The p50s of these two custom metrics give the wrapper overhead.
    let pairedMetrics: [BenchmarkMetric] = [.custom("libopus direct (ns)"), .custom("Codec wrapper (ns)")]
    let paired = Benchmark.Configuration(
        metrics: pairedMetrics, units: Dictionary(uniqueKeysWithValues: pairedMetrics.map { ($0, .count) }),
        scalingFactor: .one, maxDuration: .seconds(6), maxIterations: 1_000_000)

    do {
        let direct = makeDirectEncoder()
        guard let wrapper = try? Opus.OpusEncoder(OpusEncoderConfiguration()) else {
            preconditionFailure("OpusEncoder failed")
        }
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: 4_000)
        let cursor = Cursor()
        var directFirst = true
        Benchmark("Opus encode 20 ms, paired", configuration: paired) { benchmark in
            for _ in benchmark.scaledIterations {
                let frame = pcmFrames[cursor.next()]
                let (directTime, wrapperTime) = timePair(directFirst: directFirst) {
                    blackHole(directEncode(direct, frame, output))
                } _: {
                    blackHole(try? wrapper.encode(frame))
                }
                directFirst.toggle()
                benchmark.measurement(.custom("libopus direct (ns)"), directTime)
                benchmark.measurement(.custom("Codec wrapper (ns)"), wrapperTime)
            }
        }
    }

    do {
        let direct = makeDirectDecoder()
        guard let wrapper = try? Opus.OpusDecoder(sampleRate: 48_000, channels: 1) else {
            preconditionFailure("OpusDecoder failed")
        }
        let output = UnsafeMutablePointer<Int16>.allocate(capacity: 5_760)
        let cursor = Cursor()
        var directFirst = true
        Benchmark("Opus decode 20 ms, paired", configuration: paired) { benchmark in
            for _ in benchmark.scaledIterations {
                let packet = packets[cursor.next()]
                let (directTime, wrapperTime) = timePair(directFirst: directFirst) {
                    blackHole(
                        packet.withUnsafeBufferPointer { input in
                            opus_decode(direct, input.baseAddress, Int32(input.count), output, 5_760, 0)
                        })
                } _: {
                    blackHole(try? wrapper.decode(packet))
                }
                directFirst.toggle()
                benchmark.measurement(.custom("libopus direct (ns)"), directTime)
                benchmark.measurement(.custom("Codec wrapper (ns)"), wrapperTime)
            }
        }
    }
}
