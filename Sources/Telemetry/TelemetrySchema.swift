/// The layout of every sample in a telemetry stream: an id and an ordered list of channels.
///
/// Limits: 1...64 channels, names 1...64 bytes of UTF-8 and unique. The id (0...65535) is chosen
/// by the sender; a receiver remembers announced schemas by id in a ``TelemetrySchemaRegistry``.
public struct TelemetrySchema: Sendable, Hashable {
    /// Most channels a schema may have (the wire format has room for 255; 64 keeps frames small).
    public static let maxChannels = 64
    /// Longest channel name in bytes of UTF-8.
    public static let maxChannelNameBytes = 64

    public let id: UInt16
    public let channels: [TelemetryChannel]

    /// Validates the limits above.
    public init(id: UInt16, channels: [TelemetryChannel]) throws(TelemetrySchemaError) {
        guard !channels.isEmpty else { throw .noChannels }
        guard channels.count <= Self.maxChannels else { throw .tooManyChannels(count: channels.count) }
        var seen = Set<String>()
        for (index, channel) in channels.enumerated() {
            let bytes = channel.name.utf8.count
            guard bytes > 0 else { throw .emptyChannelName(index: index) }
            guard bytes <= Self.maxChannelNameBytes else {
                throw .channelNameTooLong(name: channel.name, bytes: bytes)
            }
            guard seen.insert(channel.name).inserted else { throw .duplicateChannelName(channel.name) }
        }
        self.id = id
        self.channels = channels
    }

    /// Bytes one sample's values occupy on the wire (timestamps excluded).
    public var valueBytesPerSample: Int { channels.reduce(0) { $0 + $1.type.byteWidth } }

    /// Index of the channel called `name`, if any.
    public func channelIndex(named name: String) -> Int? {
        channels.firstIndex { $0.name == name }
    }

    /// The same channels under another id.
    public func withID(_ newID: UInt16) -> TelemetrySchema {
        // Channels were validated when `self` was built and an id cannot invalidate them.
        TelemetrySchema(id: newID, uncheckedChannels: channels)
    }

    /// For fixed channel lists known to satisfy the limits (built-in sources, `withID`).
    init(id: UInt16, uncheckedChannels channels: [TelemetryChannel]) {
        self.id = id
        self.channels = channels
    }
}
