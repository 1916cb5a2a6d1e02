import Testing

#if canImport(TelemetryCodec)
@testable import TelemetryCodec
#else
@testable import Telemetry
#endif

/// The frame used in docs/telemetry-format.md: schema 7 = t:float32, n:int16, ok:bool.
enum TelemetryFixtures {
    static let schema = try! TelemetrySchema(id: 7, channels: [
        TelemetryChannel(name: "t", type: .float32),
        TelemetryChannel(name: "n", type: .int16),
        TelemetryChannel(name: "ok", type: .bool),
    ])
    static let samples = [
        TelemetrySample(captureMicroseconds: 1_000_000, values: [.float32(1.5), .int16(-2), .bool(true)]),
        TelemetrySample(captureMicroseconds: 1_010_000, values: [.float32(0.25), .int16(300), .bool(false)]),
    ]
    /// Hand-assembled from the layout in the doc.
    static let samplesBytes: [UInt8] = [
        0x00, 0x00, 0x00, 0x00, 0x00, 0x0F, 0x42, 0x40,  // 1 000 000 us
        0x3F, 0xC0, 0x00, 0x00, 0xFF, 0xFE, 0x01,  // 1.5f, -2, true
        0x00, 0x00, 0x27, 0x10,  // +10 000 us
        0x3E, 0x80, 0x00, 0x00, 0x01, 0x2C, 0x00,  // 0.25f, 300, false
    ]
    static let inlineBytes: [UInt8] = [0xD1, 0x80, 0x00, 0x07, 0x00, 0x02,
        0x03, 0x01, 0x01, 0x74, 0x03, 0x01, 0x6E, 0x05, 0x02, 0x6F, 0x6B] + samplesBytes
    static let referenceBytes: [UInt8] = [0xD1, 0x00, 0x00, 0x07, 0x00, 0x02] + samplesBytes
}

@Suite struct TelemetryPayloadCodecTests {
    @Test func encodesTheDocumentedBytes() throws {
        let inline = try TelemetryPayloadCodec.encode(
            TelemetryFrame(schema: TelemetryFixtures.schema, schemaInline: true, samples: TelemetryFixtures.samples))
        #expect(inline == TelemetryFixtures.inlineBytes)
        #expect(inline.count == 43)
        #expect(TelemetryPayloadCodec.encodedByteCount(schema: TelemetryFixtures.schema, sampleCount: 2, schemaInline: true) == 43)
        let reference = try TelemetryPayloadCodec.encode(
            TelemetryFrame(schema: TelemetryFixtures.schema, schemaInline: false, samples: TelemetryFixtures.samples))
        #expect(reference == TelemetryFixtures.referenceBytes)
    }

    @Test func everyTypeRoundTripsIncludingExtremesAndNonFinite() throws {
        let schema = try TelemetrySchema(id: 0xBEEF, channels: [
            TelemetryChannel(name: "f32", type: .float32), TelemetryChannel(name: "f64", type: .float64),
            TelemetryChannel(name: "i16", type: .int16), TelemetryChannel(name: "i32", type: .int32),
            TelemetryChannel(name: "b", type: .bool),
        ])
        let rows: [[TelemetryValue]] = [
            [.float32(.nan), .float64(.nan), .int16(.min), .int32(.min), .bool(false)],
            [.float32(.infinity), .float64(-.infinity), .int16(.max), .int32(.max), .bool(true)],
            [.float32(-.infinity), .float64(.infinity), .int16(0), .int32(-1), .bool(true)],
            [.float32(-0.0), .float64(.leastNonzeroMagnitude), .int16(-1), .int32(0), .bool(false)],
            [.float32(.greatestFiniteMagnitude), .float64(-.greatestFiniteMagnitude), .int16(1), .int32(1), .bool(true)],
            [.float32(Float(bitPattern: 0x7FC0_1234)), .float64(Double(bitPattern: 0x7FF8_0000_0000_ABCD)),
             .int16(12345), .int32(-123_456_789), .bool(false)],
        ]
        // Capture times exercise Int64 extremes: these force wide timestamps.
        let times: [Int64] = [.min, .max, 0, -1, 1_700_000_000_000_000, 1_700_000_000_000_001]
        let samples = zip(times, rows).map { TelemetrySample(captureMicroseconds: $0, values: $1) }
        let frame = TelemetryFrame(schema: schema, schemaInline: true, samples: samples)
        let bytes = try TelemetryPayloadCodec.encode(frame)
        #expect(bytes[1] & 0x40 != 0, "deltas beyond Int32 must select wide timestamps")
        #expect(bytes.count == TelemetryPayloadCodec.encodedByteCount(
            schema: schema, sampleCount: 6, schemaInline: true, wideTimestamps: true))
        var registry = TelemetrySchemaRegistry()
        let decoded = try TelemetryPayloadCodec.decode(bytes, registry: &registry)
        #expect(decoded == frame)
        // Bitwise equality distinguishes -0.0 from +0.0 and keeps NaN payloads.
        #expect(TelemetryValue.float32(-0.0) != .float32(0.0))
        #expect(TelemetryValue.float64(.nan) == .float64(.nan))
    }

    @Test func negativeAndZeroDeltasUseNarrowTimestamps() throws {
        let schema = TelemetryFixtures.schema
        let values: [TelemetryValue] = [.float32(0), .int16(0), .bool(false)]
        let times: [Int64] = [5_000_000, 4_000_000, 4_000_000, 4_000_000 + Int64(Int32.max)]
        let frame = TelemetryFrame(schema: schema, schemaInline: false,
                                   samples: times.map { TelemetrySample(captureMicroseconds: $0, values: values) })
        let bytes = try TelemetryPayloadCodec.encode(frame)
        #expect(bytes[1] == 0x00)
        #expect(try TelemetryPayloadCodec.decode(bytes) { _ in schema } == frame)
    }

    @Test func announcementThenReferenceThroughTheRegistry() throws {
        var registry = TelemetrySchemaRegistry()
        #expect(throws: TelemetryPayloadError.unknownSchema(id: 7)) {
            try TelemetryPayloadCodec.decode(TelemetryFixtures.referenceBytes, registry: &registry)
        }
        #expect(TelemetryPayloadError.unknownSchema(id: 7).reason == "unknown_schema")
        let announced = try TelemetryPayloadCodec.decode(TelemetryFixtures.inlineBytes, registry: &registry)
        #expect(announced.schemaInline && announced.schema == TelemetryFixtures.schema)
        let referenced = try TelemetryPayloadCodec.decode(TelemetryFixtures.referenceBytes, registry: &registry)
        #expect(!referenced.schemaInline)
        #expect(referenced.samples == TelemetryFixtures.samples)
    }

    @Test func announcementOnlyFrameHasNoSamples() throws {
        let bytes = try TelemetryPayloadCodec.encode(
            TelemetryFrame(schema: TelemetryFixtures.schema, schemaInline: true, samples: []))
        #expect(bytes == Array(TelemetryFixtures.inlineBytes[0..<17]).replacing(at: 5, with: 0x00))
        var registry = TelemetrySchemaRegistry()
        #expect(try TelemetryPayloadCodec.decode(bytes, registry: &registry).samples.isEmpty)
        #expect(registry.contains(id: 7))
    }

    @Test func everyTruncationIsATypedErrorNeverACrash() {
        for payload in [TelemetryFixtures.inlineBytes, TelemetryFixtures.referenceBytes] {
            for length in 0..<payload.count {
                var registry = TelemetrySchemaRegistry()
                registry.register(TelemetryFixtures.schema)
                do {
                    _ = try TelemetryPayloadCodec.decode(Array(payload[0..<length]), registry: &registry)
                    Issue.record("length \(length) decoded")
                } catch {
                    let expected: Set<String> = length < 17 && payload[1] == 0x80 || length < 6
                        ? ["truncated"] : ["sample_count_overrun"]
                    #expect(expected.contains(error.reason), "length \(length): \(error)")
                }
            }
        }
    }

    @Test func rejectsBadMagicVersionTypeNameValueAndTrailingBytes() {
        func reason(_ bytes: [UInt8]) -> TelemetryPayloadError? {
            var registry = TelemetrySchemaRegistry()
            registry.register(TelemetryFixtures.schema)
            do {
                _ = try TelemetryPayloadCodec.decode(bytes, registry: &registry)
                return nil
            } catch { return error }
        }
        let good = TelemetryFixtures.inlineBytes
        #expect(reason(good.replacing(at: 0, with: 0xD2)) == .unknownVersion(2))
        #expect(reason(good.replacing(at: 0, with: 0xD2))?.reason == "bad_version")
        #expect(reason(good.replacing(at: 0, with: 0xD0)) == .unknownVersion(0))
        #expect(reason(good.replacing(at: 0, with: 0x80)) == .badMagic(0x80))
        #expect(reason(good.replacing(at: 7, with: 9)) == .badType(code: 9, channel: 0))
        #expect(reason(good.replacing(at: 7, with: 9))?.reason == "bad_type")
        #expect(reason(good.replacing(at: 9, with: 0xFF)) == .badChannelName(channel: 0))
        #expect(reason(good.replacing(at: 12, with: 0x74)) == .badSchema(.duplicateChannelName("t")))
        #expect(reason(good.replacing(at: 6, with: 0)) == .badSchema(.noChannels))
        #expect(reason(good.replacing(at: 31, with: 2)) == .badValue(sample: 0, channel: 2))
        #expect(reason(good + [0]) == .trailingBytes(count: 1))
        // Declared count 3 with bytes for 2: overrun, reported before any allocation.
        #expect(reason(good.replacing(at: 5, with: 3))
            == .sampleCountOverrun(declared: 3, availableBytes: 26, bytesPerSample: 11))
        // The largest declarable count on a tiny payload.
        let huge = [0xD1, 0x00, 0x00, 0x07, 0xFF, 0xFF, 0x00] as [UInt8]
        #expect(reason(huge)?.reason == "sample_count_overrun")
        // Reserved flag bits are ignored.
        #expect(reason(good.replacing(at: 1, with: 0x80 | 0x01)) == nil)
    }

    @Test func encoderRejectsMismatchedSamples() {
        let bad = TelemetrySample(captureMicroseconds: 0, values: [.float32(0), .int32(0), .bool(false)])
        #expect(throws: TelemetryEncodingError.sampleDoesNotMatchSchema(index: 1)) {
            try TelemetryPayloadCodec.encode(TelemetryFrame(
                schema: TelemetryFixtures.schema, schemaInline: false, samples: [TelemetryFixtures.samples[0], bad]))
        }
        let short = TelemetrySample(captureMicroseconds: 0, values: [.float32(0)])
        #expect(throws: TelemetryEncodingError.sampleDoesNotMatchSchema(index: 0)) {
            try TelemetryPayloadCodec.encode(TelemetryFrame(schema: TelemetryFixtures.schema, schemaInline: false, samples: [short]))
        }
    }

    @Test func schemaLimits() throws {
        let name64 = String(repeating: "é", count: 32)  // 64 bytes of UTF-8
        let many = (0..<64).map { TelemetryChannel(name: "c\($0)", type: .bool) }
        let schema = try TelemetrySchema(id: 1, channels: many.dropLast() + [TelemetryChannel(name: name64, type: .int16)])
        let bytes = try TelemetryPayloadCodec.encode(TelemetryFrame(schema: schema, schemaInline: true, samples: []))
        #expect(try TelemetryPayloadCodec.decode(bytes) { _ in nil }.schema == schema)
        #expect(throws: TelemetrySchemaError.tooManyChannels(count: 65)) {
            try TelemetrySchema(id: 1, channels: many + [TelemetryChannel(name: "x", type: .bool)])
        }
        #expect(throws: TelemetrySchemaError.channelNameTooLong(name: name64 + "a", bytes: 65)) {
            try TelemetrySchema(id: 1, channels: [TelemetryChannel(name: name64 + "a", type: .bool)])
        }
        #expect(throws: TelemetrySchemaError.emptyChannelName(index: 0)) {
            try TelemetrySchema(id: 1, channels: [TelemetryChannel(name: "", type: .bool)])
        }
        #expect(throws: TelemetrySchemaError.noChannels) { try TelemetrySchema(id: 1, channels: []) }
    }

    @Test func registryIsBoundedAndEvictsLeastRecentlyUsed() throws {
        var registry = TelemetrySchemaRegistry(capacity: 2)
        let a = TelemetryFixtures.schema.withID(1)
        let b = TelemetryFixtures.schema.withID(2)
        let c = TelemetryFixtures.schema.withID(3)
        #expect(registry.register(a) == .added)
        #expect(registry.register(b) == .added)
        #expect(registry.register(a) == .unchanged)
        _ = registry.schema(id: 1)  // 1 is now most recent, so 2 goes
        #expect(registry.register(c) == .added)
        #expect(registry.count == 2)
        #expect(registry.contains(id: 1) && registry.contains(id: 3) && !registry.contains(id: 2))
        let changed = try TelemetrySchema(id: 3, channels: [TelemetryChannel(name: "z", type: .int32)])
        #expect(registry.register(changed) == .replaced)
        #expect(registry.schema(id: 3) == changed)
    }
}

extension Array where Element == UInt8 {
    /// A copy with the byte at `index` replaced.
    func replacing(at index: Int, with byte: UInt8) -> [UInt8] {
        var copy = self
        copy[index] = byte
        return copy
    }
}
