/// One named, typed column of a ``TelemetrySchema``.
public struct TelemetryChannel: Sendable, Hashable {
    /// Channel name: 1...``TelemetrySchema/maxChannelNameBytes`` bytes of UTF-8, unique in its
    /// schema. Validated by ``TelemetrySchema/init(id:channels:)``.
    public let name: String
    public let type: TelemetryValueType

    public init(name: String, type: TelemetryValueType) {
        self.name = name
        self.type = type
    }
}
