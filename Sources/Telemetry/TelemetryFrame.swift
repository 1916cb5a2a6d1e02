/// The decoded content of one telemetry RTP payload.
public struct TelemetryFrame: Sendable, Hashable {
    /// The schema the samples follow (announced inline or looked up by id).
    public let schema: TelemetrySchema
    /// Whether the payload carried the schema inline (an announcement) rather than its id only.
    public let schemaInline: Bool
    /// Samples in payload order; 0...``TelemetryPayloadCodec/maxSamplesPerFrame``.
    public let samples: [TelemetrySample]

    public init(schema: TelemetrySchema, schemaInline: Bool, samples: [TelemetrySample]) {
        self.schema = schema
        self.schemaInline = schemaInline
        self.samples = samples
    }
}
