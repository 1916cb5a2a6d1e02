extension TelemetryPayloadCodec {
    /// Whether `payload` is a telemetry frame by its own bytes, whatever its RTP payload type
    /// (a receiver must not decide the media type from the number alone).
    ///
    /// Byte 0 `0xD1` alone is not enough: it is also a valid Opus TOC (config 26, code 1). So a
    /// frame with the schema inline must decode completely (schema, exact length); a frame that
    /// refers to a schema must have its reserved flag bits clear and a length that N samples of
    /// one fixed width fill exactly. An Opus packet passes the second test with a chance of
    /// about 1 in 64 × N, and only for that one rare TOC, so an explicit payload-type mapping
    /// (`recv --payload-type PT=opus`) stays the way to settle it for sure.
    public static func isTelemetryFrame(_ payload: UnsafeRawBufferPointer) -> Bool {
        guard payload.count >= headerBytes, payload[0] == magic << 4 | version else { return false }
        let flags = payload[1]
        guard flags & ~(schemaInlineFlag | wideTimestampsFlag) == 0 else { return false }
        if flags & schemaInlineFlag != 0 {
            return (try? decode(Array(payload), lookup: { _ in nil })) != nil
        }
        let sampleCount = Int(payload[4]) << 8 | Int(payload[5])
        let afterHeader = payload.count - headerBytes
        guard sampleCount > 0 else { return afterHeader == 0 }
        // Sample 0 has an 8-byte time, later ones a 4- or 8-byte time; every sample then has
        // the same number (at least 1) of value bytes.
        let timeBytes = 8 + (sampleCount - 1) * (flags & wideTimestampsFlag != 0 ? 8 : 4)
        let valueBytes = afterHeader - timeBytes
        return valueBytes >= sampleCount && valueBytes % sampleCount == 0
    }

    /// ``isTelemetryFrame(_:)-(UnsafeRawBufferPointer)`` on an array.
    public static func isTelemetryFrame(_ payload: [UInt8]) -> Bool {
        payload.withUnsafeBytes { isTelemetryFrame($0) }
    }
}
