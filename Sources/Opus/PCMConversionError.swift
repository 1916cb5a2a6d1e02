/// Input that `PCMConversion` cannot (de)interleave.
public enum PCMConversionError: Error, Sendable, Equatable {
    /// Zero channels given or requested.
    case noChannels
    /// Channel `channel` has `count` samples while channel 0 has `expected`.
    case channelLengthMismatch(channel: Int, count: Int, expected: Int)
    /// `count` interleaved samples cannot be split evenly into `channelCount` channels.
    case sampleCountNotMultiple(count: Int, channelCount: Int)
}
