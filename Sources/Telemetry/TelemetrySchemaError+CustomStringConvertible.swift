extension TelemetrySchemaError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noChannels:
            "a telemetry schema needs at least one channel"
        case .tooManyChannels(let count):
            "\(count) channels; at most \(TelemetrySchema.maxChannels) are allowed"
        case .emptyChannelName(let index):
            "channel \(index) has an empty name"
        case .channelNameTooLong(let name, let bytes):
            "channel name '\(name)' is \(bytes) bytes of UTF-8; at most \(TelemetrySchema.maxChannelNameBytes) are allowed"
        case .duplicateChannelName(let name):
            "channel name '\(name)' appears more than once"
        }
    }
}
