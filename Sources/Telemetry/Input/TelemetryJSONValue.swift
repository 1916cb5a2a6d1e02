/// A parsed JSON value that keeps object keys in document order (JSON Lines schema inference
/// uses the first object's key order as the channel order) and numbers as their literal text
/// (so integers and floats convert exactly to the channel type).
enum TelemetryJSONValue: Sendable {
    case null
    case bool(Bool)
    /// The number literal exactly as written (RFC 8259 grammar).
    case number(String)
    case string(String)
    case array([TelemetryJSONValue])
    /// Members in document order; a repeated key keeps every occurrence (lookup uses the last).
    case object([(key: String, value: TelemetryJSONValue)])

    /// The value under `key` (last occurrence), if this is an object.
    subscript(key: String) -> TelemetryJSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }
}
