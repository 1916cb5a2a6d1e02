/// Encodes and decodes the telemetry RTP payload, format version 1.
///
/// Layout (all integers big-endian; full byte diagram in docs/telemetry-format.md):
///
///     byte 0      magic 0xD (high nibble) | version 1 (low nibble)
///     byte 1      flags: 0x80 S = schema inline, 0x40 W = wide timestamps, others reserved (0)
///     bytes 2-3   schema id
///     bytes 4-5   sample count N
///     [S]         channel count C, then C x (type code, name length L, L bytes UTF-8 name)
///     N samples   sample 0: Int64 capture time (us since Unix epoch), then its values;
///                 sample i>0: Int32 delta (us from sample i-1) or, with W, Int64 absolute,
///                 then its values in channel order at their type's width.
///
/// The decoder never traps on bad input: every problem is a ``TelemetryPayloadError``.
public enum TelemetryPayloadCodec {
    /// Format version written in the low nibble of byte 0.
    public static let version: UInt8 = 1
    /// High nibble of byte 0; lets a receiver tell telemetry from other payloads cheaply.
    public static let magic: UInt8 = 0xD
    /// Default dynamic RTP payload type for telemetry.
    public static let defaultPayloadType: UInt8 = 100
    /// Largest sample count the 16-bit count field can declare.
    public static let maxSamplesPerFrame = Int(UInt16.max)
    /// Bytes before the optional schema block.
    public static let headerBytes = 6

    static let schemaInlineFlag: UInt8 = 0x80
    static let wideTimestampsFlag: UInt8 = 0x40

    /// Exact payload size in bytes for `sampleCount` samples of `schema`.
    public static func encodedByteCount(
        schema: TelemetrySchema, sampleCount: Int, schemaInline: Bool, wideTimestamps: Bool = false
    ) -> Int {
        var total = headerBytes
        if schemaInline { total += schemaBlockBytes(schema) }
        guard sampleCount > 0 else { return total }
        let deltaWidth = wideTimestamps ? 8 : 4
        return total + 8 + (sampleCount - 1) * deltaWidth + sampleCount * schema.valueBytesPerSample
    }

    /// Most samples of `schema` that fit in `payloadBytes` (e.g. an MTU budget of 1200) with
    /// the schema inline and 32-bit deltas; 0 if not even one fits. Use to validate
    /// `--samples-per-frame`.
    public static func maxSamples(schema: TelemetrySchema, payloadBytes: Int) -> Int {
        let fixed = headerBytes + schemaBlockBytes(schema) + 8 + schema.valueBytesPerSample
        guard payloadBytes >= fixed else { return 0 }
        let later = (payloadBytes - fixed) / (4 + schema.valueBytesPerSample)
        return min(maxSamplesPerFrame, 1 + later)
    }

    static func schemaBlockBytes(_ schema: TelemetrySchema) -> Int {
        1 + schema.channels.reduce(0) { $0 + 2 + $1.name.utf8.count }
    }

    /// Encodes `frame`. Timestamps use 32-bit deltas unless some delta between consecutive
    /// samples falls outside Int32 (about ±35 minutes), in which case the W flag is set.
    public static func encode(_ frame: TelemetryFrame) throws(TelemetryEncodingError) -> [UInt8] {
        let schema = frame.schema
        let samples = frame.samples
        guard samples.count <= maxSamplesPerFrame else { throw .tooManySamples(count: samples.count) }
        for (index, sample) in samples.enumerated() where !sample.matches(schema) {
            throw .sampleDoesNotMatchSchema(index: index)
        }
        let wide = zip(samples, samples.dropFirst()).contains { previous, next in
            let (delta, overflow) = next.captureMicroseconds.subtractingReportingOverflow(previous.captureMicroseconds)
            return overflow || Int32(exactly: delta) == nil
        }
        var writer = TelemetryWireWriter(capacity: encodedByteCount(
            schema: schema, sampleCount: samples.count, schemaInline: frame.schemaInline, wideTimestamps: wide))
        writer.write(magic << 4 | version)
        writer.write((frame.schemaInline ? schemaInlineFlag : 0) | (wide ? wideTimestampsFlag : 0))
        writer.write(schema.id)
        writer.write(UInt16(samples.count))
        if frame.schemaInline {
            writer.write(UInt8(schema.channels.count))
            for channel in schema.channels {
                writer.write(channel.type.rawValue)
                writer.write(UInt8(channel.name.utf8.count))
                writer.write(contentsOf: channel.name.utf8)
            }
        }
        var previous: Int64 = 0
        for (index, sample) in samples.enumerated() {
            if index == 0 || wide {
                writer.write(UInt64(bitPattern: sample.captureMicroseconds))
            } else {
                // `wide` is false, so every delta fits in Int32.
                writer.write(UInt32(bitPattern: Int32(truncatingIfNeeded: sample.captureMicroseconds &- previous)))
            }
            previous = sample.captureMicroseconds
            for value in sample.values { write(value, to: &writer) }
        }
        return writer.bytes
    }

    private static func write(_ value: TelemetryValue, to writer: inout TelemetryWireWriter) {
        switch value {
        case .float32(let number): writer.write(number.bitPattern)
        case .float64(let number): writer.write(number.bitPattern)
        case .int16(let number): writer.write(UInt16(bitPattern: number))
        case .int32(let number): writer.write(UInt32(bitPattern: number))
        case .bool(let flag): writer.write(flag ? UInt8(1) : 0)
        }
    }

    /// Decodes `payload`, looking referenced schemas up in `registry` and registering inline
    /// ones. The registry is only changed when the whole payload is valid.
    public static func decode(
        _ payload: [UInt8], registry: inout TelemetrySchemaRegistry
    ) throws(TelemetryPayloadError) -> TelemetryFrame {
        let frame = try decode(payload) { id in registry.schema(id: id) }
        if frame.schemaInline { registry.register(frame.schema) }
        return frame
    }

    /// Decodes `payload`; `lookup` resolves a schema id when the schema is not inline.
    public static func decode(
        _ payload: [UInt8], lookup: (UInt16) -> TelemetrySchema?
    ) throws(TelemetryPayloadError) -> TelemetryFrame {
        var reader = TelemetryWireReader(payload)
        guard let first = reader.readUInt8() else { throw .truncated }
        guard first >> 4 == magic else { throw .badMagic(first) }
        guard first & 0x0F == version else { throw .unknownVersion(first & 0x0F) }
        guard let flags = reader.readUInt8(), let schemaID = reader.readUInt16(),
            let count16 = reader.readUInt16()
        else { throw .truncated }
        let sampleCount = Int(count16)
        let inline = flags & schemaInlineFlag != 0
        let wide = flags & wideTimestampsFlag != 0
        let schema: TelemetrySchema
        if inline {
            schema = try readSchema(id: schemaID, from: &reader)
        } else {
            guard let known = lookup(schemaID) else { throw .unknownSchema(id: schemaID) }
            schema = known
        }
        guard sampleCount > 0 else {
            guard reader.remaining == 0 else { throw .trailingBytes(count: reader.remaining) }
            return TelemetryFrame(schema: schema, schemaInline: inline, samples: [])
        }
        // Check the declared count against the bytes present before allocating anything.
        let valueBytes = schema.valueBytesPerSample
        let laterSampleBytes = (wide ? 8 : 4) + valueBytes
        let needed = 8 + valueBytes + (sampleCount - 1) * laterSampleBytes
        guard reader.remaining >= needed else {
            throw .sampleCountOverrun(
                declared: sampleCount, availableBytes: reader.remaining, bytesPerSample: laterSampleBytes)
        }
        guard reader.remaining == needed else { throw .trailingBytes(count: reader.remaining - needed) }
        var samples: [TelemetrySample] = []
        samples.reserveCapacity(sampleCount)
        var previous: Int64 = 0
        for sampleIndex in 0..<sampleCount {
            let capture: Int64
            if sampleIndex == 0 || wide {
                guard let raw = reader.readUInt64() else { throw .truncated }
                capture = Int64(bitPattern: raw)
            } else {
                guard let raw = reader.readUInt32() else { throw .truncated }
                capture = previous &+ Int64(Int32(bitPattern: raw))
            }
            previous = capture
            var values: [TelemetryValue] = []
            values.reserveCapacity(schema.channels.count)
            for (channelIndex, channel) in schema.channels.enumerated() {
                values.append(try readValue(channel.type, sample: sampleIndex, channel: channelIndex, from: &reader))
            }
            samples.append(TelemetrySample(captureMicroseconds: capture, values: values))
        }
        return TelemetryFrame(schema: schema, schemaInline: inline, samples: samples)
    }

    private static func readSchema(
        id: UInt16, from reader: inout TelemetryWireReader
    ) throws(TelemetryPayloadError) -> TelemetrySchema {
        guard let channelCount = reader.readUInt8() else { throw .truncated }
        var channels: [TelemetryChannel] = []
        for index in 0..<Int(channelCount) {
            guard let code = reader.readUInt8(), let length = reader.readUInt8(),
                let nameBytes = reader.readBytes(Int(length))
            else { throw .truncated }
            guard let type = TelemetryValueType(rawValue: code) else { throw .badType(code: code, channel: index) }
            guard let name = String(validating: nameBytes, as: UTF8.self) else { throw .badChannelName(channel: index) }
            channels.append(TelemetryChannel(name: name, type: type))
        }
        do {
            return try TelemetrySchema(id: id, channels: channels)
        } catch {
            throw .badSchema(error)
        }
    }

    private static func readValue(
        _ type: TelemetryValueType, sample: Int, channel: Int, from reader: inout TelemetryWireReader
    ) throws(TelemetryPayloadError) -> TelemetryValue {
        // The caller checked the total length, so these reads only fail if that check is wrong.
        switch type {
        case .float32:
            guard let raw = reader.readUInt32() else { throw .truncated }
            return .float32(Float(bitPattern: raw))
        case .float64:
            guard let raw = reader.readUInt64() else { throw .truncated }
            return .float64(Double(bitPattern: raw))
        case .int16:
            guard let raw = reader.readUInt16() else { throw .truncated }
            return .int16(Int16(bitPattern: raw))
        case .int32:
            guard let raw = reader.readUInt32() else { throw .truncated }
            return .int32(Int32(bitPattern: raw))
        case .bool:
            guard let raw = reader.readUInt8() else { throw .truncated }
            guard raw <= 1 else { throw .badValue(sample: sample, channel: channel) }
            return .bool(raw == 1)
        }
    }
}
