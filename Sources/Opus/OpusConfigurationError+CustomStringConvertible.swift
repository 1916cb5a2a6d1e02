extension OpusConfigurationError: CustomStringConvertible {
    public var description: String {
        typealias Config = OpusEncoderConfiguration
        switch self {
        case .invalidSampleRate(let value):
            let accepted = Config.supportedSampleRates.map(String.init).joined(separator: ", ")
            return "invalid Opus sample rate \(value) Hz; accepted: \(accepted) Hz"
        case .invalidChannelCount(let value):
            return "invalid Opus channel count \(value); accepted: 1 (mono) or 2 (stereo)"
        case .invalidBitrate(let value):
            let range = Config.supportedBitrates
            return "invalid Opus bitrate \(value) bit/s; accepted: \(range.lowerBound)...\(range.upperBound) bit/s"
        case .invalidComplexity(let value):
            let range = Config.supportedComplexities
            return "invalid Opus complexity \(value); accepted: \(range.lowerBound)...\(range.upperBound)"
        case .invalidExpectedLossPercent(let value):
            let range = Config.supportedExpectedLossPercents
            return "invalid expected packet loss \(value)%; accepted: \(range.lowerBound)...\(range.upperBound)%"
        }
    }
}
