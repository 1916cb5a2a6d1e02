/// Why a ``TelemetrySchema`` cannot be built.
public enum TelemetrySchemaError: Error, Sendable, Hashable {
    /// A schema needs at least one channel.
    case noChannels
    /// More than ``TelemetrySchema/maxChannels`` channels.
    case tooManyChannels(count: Int)
    /// A channel name is empty.
    case emptyChannelName(index: Int)
    /// A channel name is longer than ``TelemetrySchema/maxChannelNameBytes`` bytes of UTF-8.
    case channelNameTooLong(name: String, bytes: Int)
    /// Two channels share a name.
    case duplicateChannelName(String)
}
