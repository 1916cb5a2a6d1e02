/// A receiver-side consumer of telemetry records (`jitterbug recv --telemetry-out`).
public protocol TelemetrySink {
    /// Formats and buffers one record.
    mutating func write(_ record: TelemetryRecord) throws
    /// Pushes buffered output to the destination.
    mutating func flush() throws
}
