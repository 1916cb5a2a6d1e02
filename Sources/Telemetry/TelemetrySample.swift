/// One timestamped row of channel values.
public struct TelemetrySample: Sendable, Hashable {
    /// Capture time in microseconds since the Unix epoch (1970-01-01T00:00:00Z), as stamped by
    /// the sender. Synthetic and file sources use the caller's start time plus an offset.
    public var captureMicroseconds: Int64
    /// One value per schema channel, in schema order.
    public var values: [TelemetryValue]

    public init(captureMicroseconds: Int64, values: [TelemetryValue]) {
        self.captureMicroseconds = captureMicroseconds
        self.values = values
    }

    /// Whether `values` has one value of the right type per channel of `schema`.
    public func matches(_ schema: TelemetrySchema) -> Bool {
        values.count == schema.channels.count
            && zip(values, schema.channels).allSatisfy { $0.type == $1.type }
    }
}
