/// The `--telemetry SOURCE` (plus `--input PATH`) choice of `jitterbug send`, parsed.
///
/// Accepted forms: `imu`, `counter`, `sine` (synthetic); `csv --input FILE`;
/// `jsonl --input FILE|-` (`--input` defaults to `-`, standard input); or directly a path
/// ending in `.csv`, `.jsonl` or `.ndjson`, or `-` for JSON Lines on standard input.
public enum TelemetrySourceKind: Sendable, Hashable {
    case imu
    case counter
    case sine
    case csv(path: String)
    /// `path` `-` is standard input.
    case jsonLines(path: String)

    /// Names listed in help and errors.
    public static let names = ["imu", "counter", "sine", "csv", "jsonl"]

    public init(parsing source: String, input: String? = nil) throws(TelemetrySourceKindError) {
        let lowered = source.lowercased()
        switch lowered {
        case "imu", "counter", "sine":
            guard input == nil else { throw .inputNotAccepted(source: lowered) }
            self = lowered == "imu" ? .imu : lowered == "counter" ? .counter : .sine
        case "csv":
            guard let input else { throw .inputRequired(source: "csv") }
            self = .csv(path: input)
        case "jsonl", "json", "jsonlines", "ndjson":
            self = .jsonLines(path: input ?? "-")
        case "-":
            self = .jsonLines(path: "-")
        case _ where lowered.hasSuffix(".csv"):
            self = .csv(path: source)
        case _ where lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson"):
            self = .jsonLines(path: source)
        default:
            throw .unknown(source)
        }
    }

    /// Builds the source. Synthetic sources stop after `sampleLimit` samples (`nil` = endless);
    /// file sources open their file (or stdin) now and throw ``TelemetryInputError`` naming it.
    /// `seed` only affects `imu`.
    public func makeSource(
        schemaID: UInt16 = 1, startMicroseconds: Int64, rate: TelemetryRate, seed: UInt64 = 1,
        sampleLimit: Int64? = nil
    ) throws(TelemetryInputError) -> any TelemetrySource & Sendable {
        switch self {
        case .imu:
            IMUSource(schemaID: schemaID, startMicroseconds: startMicroseconds, rate: rate, seed: seed, sampleLimit: sampleLimit)
        case .counter:
            CounterSource(schemaID: schemaID, startMicroseconds: startMicroseconds, rate: rate, sampleLimit: sampleLimit)
        case .sine:
            SineSource(schemaID: schemaID, startMicroseconds: startMicroseconds, rate: rate, sampleLimit: sampleLimit)
        case .csv(let path):
            try CSVTelemetrySource(path: path, schemaID: schemaID, startMicroseconds: startMicroseconds, rate: rate)
        case .jsonLines(let path):
            try JSONLinesTelemetrySource(path: path, schemaID: schemaID, startMicroseconds: startMicroseconds, rate: rate)
        }
    }
}
