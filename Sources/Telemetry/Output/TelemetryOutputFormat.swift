/// Receiver output formats for `--format`.
public enum TelemetryOutputFormat: String, Sendable, Hashable, CaseIterable {
    /// One JSON object per line (``TelemetryJSONLSink``).
    case jsonl
    /// Comma-separated values with a header row (``TelemetryCSVSink``).
    case csv
}
