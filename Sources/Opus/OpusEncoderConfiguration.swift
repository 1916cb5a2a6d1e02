/// Everything needed to create an `OpusEncoder`. Plain value; call `validate()` (the encoder's
/// initializer does) to check every field against the limits documented below.
public struct OpusEncoderConfiguration: Sendable, Equatable {
    /// Sample rates libopus accepts, in Hz.
    public static let supportedSampleRates: [Int] = [8_000, 12_000, 16_000, 24_000, 48_000]
    /// Channel counts libopus accepts.
    public static let supportedChannelCounts: ClosedRange<Int> = 1...2
    /// Target bitrates libopus accepts, in bits per second.
    public static let supportedBitrates: ClosedRange<Int> = 6_000...510_000
    /// Encoder complexity levels (0 = cheapest, 10 = best quality).
    public static let supportedComplexities: ClosedRange<Int> = 0...10
    /// Expected packet loss, in percent.
    public static let supportedExpectedLossPercents: ClosedRange<Int> = 0...100

    /// Input sample rate in Hz: 8000, 12000, 16000, 24000 or 48000.
    public var sampleRate: Int
    /// Interleaved channels in the input: 1 or 2.
    public var channels: Int
    /// Audio per packet.
    public var frameDuration: OpusFrameDuration
    /// Target bitrate in bits per second, 6000 ... 510000.
    public var bitrate: Int
    /// Computational complexity 0 ... 10.
    public var complexity: Int
    /// Application mode (fixed for the encoder's lifetime).
    public var application: OpusApplication
    /// In-band FEC: SILK/hybrid packets carry a low-bitrate copy (LBRR) of the previous frame.
    /// Only has an effect with `expectedLossPercent > 0` and a SILK-capable mode (not `.lowDelay`).
    public var inbandFEC: Bool
    /// Expected packet loss in percent, 0 ... 100; steers how much redundancy FEC adds.
    public var expectedLossPercent: Int
    /// Discontinuous transmission: silence encodes to packets of ≤ 2 bytes that need not be sent.
    public var dtx: Bool
    /// Content hint; `.auto` lets libopus decide.
    public var signal: OpusSignal
    /// Hard constant bit rate (`OPUS_SET_VBR(0)`): every packet is `bitrate × frame / 8` bytes.
    /// Costs quality; the load generator uses it so its datagrams are equal-size (for UDP GSO).
    public var constantBitrate: Bool

    /// Defaults: 48 kHz mono, 20 ms, 32 kbit/s, complexity 10, voip, no FEC, no DTX.
    public init(
        sampleRate: Int = 48_000,
        channels: Int = 1,
        frameDuration: OpusFrameDuration = .ms20,
        bitrate: Int = 32_000,
        complexity: Int = 10,
        application: OpusApplication = .voip,
        inbandFEC: Bool = false,
        expectedLossPercent: Int = 0,
        dtx: Bool = false,
        signal: OpusSignal = .auto,
        constantBitrate: Bool = false
    ) {
        self.sampleRate = sampleRate
        self.channels = channels
        self.frameDuration = frameDuration
        self.bitrate = bitrate
        self.complexity = complexity
        self.application = application
        self.inbandFEC = inbandFEC
        self.expectedLossPercent = expectedLossPercent
        self.dtx = dtx
        self.signal = signal
        self.constantBitrate = constantBitrate
    }

    /// Samples per channel in one frame (e.g. 960 for 20 ms at 48 kHz).
    public var frameSamples: Int { frameDuration.samples(atSampleRate: sampleRate) }

    /// Interleaved samples `encode` expects per call: `frameSamples × channels`.
    public var interleavedFrameSamples: Int { frameSamples * channels }

    /// Checks every field; the first bad one is reported with its value and the accepted values.
    public func validate() throws(OpusConfigurationError) {
        try Self.validate(sampleRate: sampleRate, channels: channels)
        guard Self.supportedBitrates.contains(bitrate) else {
            throw .invalidBitrate(bitrate)
        }
        guard Self.supportedComplexities.contains(complexity) else {
            throw .invalidComplexity(complexity)
        }
        guard Self.supportedExpectedLossPercents.contains(expectedLossPercent) else {
            throw .invalidExpectedLossPercent(expectedLossPercent)
        }
    }

    /// The checks shared with `OpusDecoder` (which has only a rate and a channel count).
    static func validate(sampleRate: Int, channels: Int) throws(OpusConfigurationError) {
        guard supportedSampleRates.contains(sampleRate) else {
            throw .invalidSampleRate(sampleRate)
        }
        guard supportedChannelCounts.contains(channels) else {
            throw .invalidChannelCount(channels)
        }
    }
}
