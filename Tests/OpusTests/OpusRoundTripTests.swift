import JitterbugSupport
import Testing
@testable import Opus

/// Encode → decode through real libopus and check quality, delay and sample counts.
@Suite struct OpusRoundTripTests {
    /// Encodes `input` frame by frame and decodes every packet; returns output and packets.
    static func roundTrip(_ input: [Int16], _ config: OpusEncoderConfiguration) throws -> (output: [Int16], packets: [[UInt8]]) {
        let encoder = try OpusEncoder(config)
        let decoder = try OpusDecoder(sampleRate: config.sampleRate, channels: config.channels)
        let step = config.interleavedFrameSamples
        var output: [Int16] = []
        var packets: [[UInt8]] = []
        for start in stride(from: 0, through: input.count - step, by: step) {
            let packet = try encoder.encode(Array(input[start..<(start + step)]))
            packets.append(packet)
            output += try decoder.decode(packet)
        }
        return (output, packets)
    }

    struct SineCase: Sendable, CustomTestStringConvertible {
        let application: OpusApplication
        let channels: Int
        /// Floor set a few dB under what libopus 1.3.1 measured: voip 15.4/15.2 dB (mono/stereo),
        /// audio 14.1/14.2 dB, lowdelay (CELT only) 40.2/32.2 dB.
        let snrFloorDecibels: Double
        var testDescription: String { "\(application.rawValue) \(channels)ch > \(snrFloorDecibels) dB" }
    }

    @Test(arguments: [
        SineCase(application: .voip, channels: 1, snrFloorDecibels: 12),
        SineCase(application: .voip, channels: 2, snrFloorDecibels: 12),
        SineCase(application: .audio, channels: 1, snrFloorDecibels: 11),
        SineCase(application: .audio, channels: 2, snrFloorDecibels: 11),
        SineCase(application: .lowDelay, channels: 1, snrFloorDecibels: 34),
        SineCase(application: .lowDelay, channels: 2, snrFloorDecibels: 28),
    ])
    func sineAt32kbpsSurvivesWithSNRAboveFloor(_ testCase: SineCase) throws {
        let config = OpusEncoderConfiguration(
            sampleRate: 48_000, channels: testCase.channels, frameDuration: .ms20, bitrate: 32_000,
            application: testCase.application)
        let input = SignalFixtures.sine(sampleRate: 48_000, channels: testCase.channels, seconds: 1)
        let (output, packets) = try Self.roundTrip(input, config)
        #expect(packets.count == 50)
        #expect(output.count == input.count)
        let lookahead = try OpusEncoder(config).lookaheadSamples()
        #expect(lookahead == (testCase.application == .lowDelay ? 120 : 312))

        for channel in 0..<testCase.channels {
            let reference = SignalFixtures.channel(input, channel, of: testCase.channels)
            let decoded = SignalFixtures.channel(output, channel, of: testCase.channels)
            let lag = SignalFixtures.bestLag(
                reference: reference, output: decoded, range: -1_000...1_000, windowStart: 24_000, windowLength: 4_800)
            // A pure 1 kHz tone correlates every 48 samples, so the search can only pin the delay
            // modulo one period; it must agree with the encoder lookahead modulo 48.
            let phaseError = ((lag - lookahead) % 48 + 48) % 48
            #expect(min(phaseError, 48 - phaseError) <= 3, "lag \(lag) vs lookahead \(lookahead)")
            // Skip the first 100 ms (encoder start-up) and the last 1000 samples (lag headroom).
            let snr = SignalFixtures.snrDecibels(reference: reference, output: decoded, lag: lag, range: 4_800..<47_000)
            #expect(snr > testCase.snrFloorDecibels, "channel \(channel): SNR \(snr) dB")
        }
    }

    /// On a non-periodic signal the cross-correlation pins the delay: it is the lookahead
    /// (measured 304 at 48 kHz and 102 at 16 kHz for lookaheads 312 and 104 in SILK mode).
    @Test(arguments: [16_000, 48_000])
    func decodedDelayMatchesLookahead(sampleRate: Int) throws {
        let config = OpusEncoderConfiguration(sampleRate: sampleRate, bitrate: 32_000, application: .voip)
        let input = SignalFixtures.voiceLike(sampleRate: sampleRate, seconds: 1)
        let (output, _) = try Self.roundTrip(input, config)
        let lookahead = try OpusEncoder(config).lookaheadSamples()
        #expect(lookahead == sampleRate / 400 + sampleRate / 250)  // 2.5 ms + 4 ms
        let lag = SignalFixtures.bestLag(
            reference: input.map(Double.init), output: output.map(Double.init), range: -1_000...1_000,
            windowStart: sampleRate / 4, windowLength: sampleRate / 5)
        #expect(abs(lag - lookahead) <= sampleRate / 4_000 * 3, "lag \(lag) vs lookahead \(lookahead)")
    }

    @Test(arguments: OpusEncoderConfiguration.supportedSampleRates, OpusFrameDuration.allCases)
    func everyRateAndDurationHasExactSampleCounts(sampleRate: Int, duration: OpusFrameDuration) throws {
        for channels in 1...2 {
            let config = OpusEncoderConfiguration(
                sampleRate: sampleRate, channels: channels, frameDuration: duration, bitrate: 24_000)
            let frameSamples = duration.samples(atSampleRate: sampleRate)
            #expect(config.frameSamples == frameSamples)
            let input = SignalFixtures.sine(
                frequencyHertz: 440, sampleRate: sampleRate, channels: channels, seconds: 3 * duration.milliseconds / 1_000)
            let encoder = try OpusEncoder(config)
            let decoder = try OpusDecoder(sampleRate: sampleRate, channels: channels)
            for frame in 0..<3 {
                let slice = Array(input[(frame * frameSamples * channels)..<((frame + 1) * frameSamples * channels)])
                let packet = try encoder.encode(slice)
                #expect(try OpusPacket.sampleCount(packet, sampleRate: sampleRate) == frameSamples)
                #expect(try OpusPacket.channelCount(packet) <= channels)
                let decoded = try decoder.decode(packet)
                #expect(decoded.count == frameSamples * channels)
                #expect(try decoder.lastPacketDurationSamples() == frameSamples)
                #expect(try decoder.finalRange() == encoder.finalRange())
            }
        }
    }

    @Test func floatPathMatchesFrameSizeAndCarriesSignal() throws {
        let config = OpusEncoderConfiguration(sampleRate: 48_000, channels: 2, bitrate: 64_000, application: .audio)
        let input = PCMConversion.float(fromInt16: SignalFixtures.sine(sampleRate: 48_000, channels: 2, seconds: 0.2))
        let encoder = try OpusEncoder(config)
        let decoder = try OpusDecoder(sampleRate: 48_000, channels: 2)
        var output: [Float] = []
        for start in stride(from: 0, to: input.count, by: config.interleavedFrameSamples) {
            output += try decoder.decodeFloat(encoder.encode(Array(input[start..<(start + config.interleavedFrameSamples)])))
        }
        #expect(output.count == input.count)
        // 0.5 full-scale sine: RMS 0.354; after start-up the decoded RMS must be close.
        let tail = output.suffix(4_800).map(Double.init)
        #expect(abs(SignalFixtures.rms(tail) - 0.354) < 0.05)
    }

    @Test func wrongInputSizeThrowsNamingExpectedCount() throws {
        let encoder = try OpusEncoder(OpusEncoderConfiguration(sampleRate: 48_000, channels: 2))
        let error = #expect(throws: OpusError.self) { try encoder.encode([Int16](repeating: 0, count: 960)) }
        #expect(error?.knownCode == .badArgument)
        #expect(error?.description.contains("1920") == true)
        #expect(error?.description.contains("got 960") == true)
        #expect(throws: OpusError.self) { try encoder.encode([Float]()) }
    }

    @Test func resetKeepsEncoderAndDecoderUsable() throws {
        let config = OpusEncoderConfiguration(sampleRate: 16_000)
        let encoder = try OpusEncoder(config)
        let decoder = try OpusDecoder(sampleRate: 16_000, channels: 1)
        let frame = Array(SignalFixtures.voiceLike(sampleRate: 16_000, seconds: 0.02))
        let first = try encoder.encode(frame)
        _ = try decoder.decode(first)
        try encoder.reset()
        try decoder.reset()
        // After a reset the encoder is in its initial state again: the same input gives the same bytes.
        #expect(try encoder.encode(frame) == first)
        #expect(try decoder.decode(first).count == 320)
    }
}
