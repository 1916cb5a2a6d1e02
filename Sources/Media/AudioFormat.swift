/// Sample rate and channel count of interleaved Int16 PCM, the common currency of Jitterbug.
public struct AudioFormat: Sendable, Equatable, Hashable {
    /// Samples per second per channel, in Hz.
    public var sampleRate: Int
    /// Number of interleaved channels (1 = mono, 2 = stereo).
    public var channels: Int

    public init(sampleRate: Int, channels: Int) {
        self.sampleRate = sampleRate
        self.channels = channels
    }

    /// The sample rates Opus encodes natively, in Hz (RFC 6716 §2).
    public static let opusSampleRates: [Int] = [8000, 12000, 16000, 24000, 48000]

    /// The channel counts Opus encodes without a multistream mapping.
    public static let opusChannelCounts: ClosedRange<Int> = 1...2

    /// 48 kHz mono, the Opus default.
    public static let opusMono = AudioFormat(sampleRate: 48000, channels: 1)
    /// 48 kHz stereo.
    public static let opusStereo = AudioFormat(sampleRate: 48000, channels: 2)

    /// True when an Opus encoder can take this format directly.
    public var isOpusCompatible: Bool {
        Self.opusSampleRates.contains(sampleRate) && Self.opusChannelCounts.contains(channels)
    }

    /// Number of interleaved Int16 values in `frames` frames.
    public func sampleCount(frames: Int) -> Int { frames * channels }

    /// Number of whole frames in `durationSeconds`, rounded to the nearest frame.
    public func frameCount(durationSeconds: Double) -> Int {
        Int((durationSeconds * Double(sampleRate)).rounded())
    }
}
