extension TelemetrySourceKindError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unknown(let source):
            "unknown telemetry source '\(source)'; use \(TelemetrySourceKind.names.joined(separator: ", ")) or a .csv/.jsonl path"
        case .inputRequired(let source):
            "telemetry source '\(source)' needs --input FILE"
        case .inputNotAccepted(let source):
            "telemetry source '\(source)' is synthetic and takes no --input"
        }
    }
}
