extension PCMConversionError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noChannels:
            "at least one channel is required"
        case .channelLengthMismatch(let channel, let count, let expected):
            "channel \(channel) has \(count) samples, channel 0 has \(expected); all channels must be equal length"
        case .sampleCountNotMultiple(let count, let channelCount):
            "\(count) interleaved samples is not a multiple of \(channelCount) channels"
        }
    }
}
