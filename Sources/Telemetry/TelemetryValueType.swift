/// The wire type of one telemetry channel. The raw value is the type code written in a schema
/// announcement (see docs/telemetry-format.md); codes 0 and 6...255 are invalid in version 1.
public enum TelemetryValueType: UInt8, Sendable, Hashable, CaseIterable {
    /// IEEE 754 binary32, 4 bytes big-endian.
    case float32 = 1
    /// IEEE 754 binary64, 8 bytes big-endian.
    case float64 = 2
    /// Two's-complement signed 16-bit integer, 2 bytes big-endian.
    case int16 = 3
    /// Two's-complement signed 32-bit integer, 4 bytes big-endian.
    case int32 = 4
    /// One byte: 0x00 false, 0x01 true (any other byte is rejected as `bad_value`).
    case bool = 5

    /// Bytes one value of this type occupies in a frame.
    public var byteWidth: Int {
        switch self {
        case .float32: 4
        case .float64: 8
        case .int16: 2
        case .int32: 4
        case .bool: 1
        }
    }

    /// Lower-case name used in CSV headers (`ax:float32`) and docs.
    public var name: String {
        switch self {
        case .float32: "float32"
        case .float64: "float64"
        case .int16: "int16"
        case .int32: "int32"
        case .bool: "bool"
        }
    }

    /// Parses a type name (case-insensitive; `f32`, `f64`, `i16`, `i32`, `float`, `double`,
    /// `int` and `boolean` are accepted aliases). Returns `nil` for anything else.
    public init?(name: String) {
        switch name.lowercased() {
        case "float32", "f32", "float": self = .float32
        case "float64", "f64", "double": self = .float64
        case "int16", "i16": self = .int16
        case "int32", "i32", "int": self = .int32
        case "bool", "boolean": self = .bool
        default: return nil
        }
    }
}
