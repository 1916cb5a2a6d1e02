/// Why a telemetry payload was rejected by ``TelemetryPayloadCodec/decode(_:registry:)``.
/// Each case maps to a stable snake_case ``reason`` used as a drop counter key.
public enum TelemetryPayloadError: Error, Sendable, Hashable {
    /// The payload ends inside the fixed header or the inline schema block.
    case truncated
    /// The high nibble of byte 0 is not the telemetry magic 0xD.
    case badMagic(UInt8)
    /// The low nibble of byte 0 names a format version this decoder does not know.
    case unknownVersion(UInt8)
    /// The payload refers to a schema id the receiver has not seen announced (yet).
    case unknownSchema(id: UInt16)
    /// The header declares more samples than the remaining bytes can hold.
    case sampleCountOverrun(declared: Int, availableBytes: Int, bytesPerSample: Int)
    /// An inline schema names a type code outside 1...5.
    case badType(code: UInt8, channel: Int)
    /// An inline channel name is not valid UTF-8.
    case badChannelName(channel: Int)
    /// The inline schema breaks a ``TelemetrySchema`` limit (no channels, duplicate name, ...).
    case badSchema(TelemetrySchemaError)
    /// A bool value byte is neither 0x00 nor 0x01.
    case badValue(sample: Int, channel: Int)
    /// Bytes remain after the last declared sample (a mismatched schema or a corrupt count).
    case trailingBytes(count: Int)

    /// Short snake_case label, stable for use as a metrics counter key.
    public var reason: String {
        switch self {
        case .truncated: "truncated"
        case .badMagic: "bad_magic"
        case .unknownVersion: "bad_version"
        case .unknownSchema: "unknown_schema"
        case .sampleCountOverrun: "sample_count_overrun"
        case .badType: "bad_type"
        case .badChannelName: "bad_channel_name"
        case .badSchema: "bad_schema"
        case .badValue: "bad_value"
        case .trailingBytes: "trailing_bytes"
        }
    }
}
