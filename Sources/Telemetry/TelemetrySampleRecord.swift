/// One received sample with its arrival time, ready for a sink.
public struct TelemetrySampleRecord: Sendable, Hashable {
    /// Extended RTP sequence number of the packet that carried the sample.
    public let sequenceNumber: Int64
    /// Position of the sample in its frame (0-based).
    public let index: Int
    public let schema: TelemetrySchema
    public let sample: TelemetrySample
    /// Receive time in µs since the Unix epoch (the receiver's wall clock).
    public let arrivalMicroseconds: Int64
    /// Delivered after its deadline (`recv --late deliver`): JSON Lines mark it `"late":true`.
    public var late: Bool

    public init(
        sequenceNumber: Int64, index: Int, schema: TelemetrySchema, sample: TelemetrySample, arrivalMicroseconds: Int64,
        late: Bool = false
    ) {
        self.sequenceNumber = sequenceNumber
        self.index = index
        self.schema = schema
        self.sample = sample
        self.arrivalMicroseconds = arrivalMicroseconds
        self.late = late
    }

    /// Arrival minus capture time in µs (meaningful only when both clocks agree, e.g. one host
    /// or NTP-synchronised hosts; may be negative otherwise).
    public var latencyMicroseconds: Int64 { arrivalMicroseconds &- sample.captureMicroseconds }
}
