/// Any JSON value, for reading summary files whose shape `jitterbug stats` does not fix
/// (recv JSON, compare JSON, older versions of either).
public enum StatsJSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([StatsJSONValue])
    case object([String: StatsJSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Bool before Double: JSONDecoder will not read `true` as a number or `1` as a Bool.
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([StatsJSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: StatsJSONValue].self)) }
    }

    /// The member `key` of an object, `nil` otherwise.
    public subscript(key: String) -> StatsJSONValue? {
        if case let .object(members) = self { return members[key] }
        return nil
    }
}
