/// A configuration value libopus would reject. Each case carries the offending value; the
/// `description` names it together with the accepted values.
public enum OpusConfigurationError: Error, Sendable, Equatable {
    /// Sample rate in Hz not in 8000/12000/16000/24000/48000.
    case invalidSampleRate(Int)
    /// Channel count not 1 or 2.
    case invalidChannelCount(Int)
    /// Bitrate in bits/s outside 6000 ... 510000.
    case invalidBitrate(Int)
    /// Complexity outside 0 ... 10.
    case invalidComplexity(Int)
    /// Expected loss outside 0 ... 100 percent.
    case invalidExpectedLossPercent(Int)
}
