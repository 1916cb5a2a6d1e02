/// Why `--telemetry SOURCE` / `--input` were rejected.
public enum TelemetrySourceKindError: Error, Sendable, Hashable {
    /// Not a known source name nor a `.csv` / `.jsonl` / `.ndjson` path.
    case unknown(String)
    /// `csv` needs `--input FILE`.
    case inputRequired(source: String)
    /// A synthetic source was given `--input`.
    case inputNotAccepted(source: String)
}
