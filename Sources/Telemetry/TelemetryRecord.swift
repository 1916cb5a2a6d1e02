/// One output record of a telemetry receiver: a sample, or a gap in the sequence.
public enum TelemetryRecord: Sendable, Hashable {
    case sample(TelemetrySampleRecord)
    case gap(TelemetryGap)
}
