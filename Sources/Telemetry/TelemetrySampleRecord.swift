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

    public init(sequenceNumber: Int64, index: Int, schema: TelemetrySchema, sample: TelemetrySample, arrivalMicroseconds: Int64) {
        self.sequenceNumber = sequenceNumber
        self.index = index
        self.schema = schema
        self.sample = sample
        self.arrivalMicroseconds = arrivalMicroseconds
    }

    /// Arrival minus capture time in µs (meaningful only when both clocks agree, e.g. one host
    /// or NTP-synchronised hosts; may be negative otherwise).
    public var latencyMicroseconds: Int64 { arrivalMicroseconds &- sample.captureMicroseconds }
}
