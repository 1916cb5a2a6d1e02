import JitterbugSupport

/// Telemetry from JSON Lines: one JSON object per line, e.g. `{"ax": 0.1, "ok": true}`.
///
/// With no schema given, the first object defines it: its keys in document order become the
/// channels (numbers → float64, `true`/`false` → bool); pass a schema for int or float32
/// channels. Keys that are not channels are ignored, except `time` (seconds) or `time_us` (µs)
/// which give capture times relative to the first line (see ``TelemetryTimeColumn``); without
/// them lines are spaced at `rate`. Float channels also accept the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"`. Blank lines are skipped. Errors name the file (or `stdin`)
/// and line, e.g. `stdin:3: expected a JSON object ({...}) per line`.
public struct JSONLinesTelemetrySource: TelemetrySource, Sendable {
    public let schema: TelemetrySchema
    private var reader: TelemetryLineReader
    private var clock: TelemetrySampleClock
    private var relativeTime: TelemetryRelativeTime
    /// The first object, read early to infer the schema.
    private var pendingObject: (object: TelemetryJSONValue, line: Int)?

    /// Name used in errors (the path, or `stdin`).
    public var sourceName: String { reader.sourceName }

    /// Opens `path` (`-` = standard input). Without `schema`, blocks until the first line
    /// arrives to infer it.
    public init(
        path: String, schema: TelemetrySchema? = nil, schemaID: UInt16 = 1, startMicroseconds: Int64,
        rate: TelemetryRate
    ) throws(TelemetryInputError) {
        try self.init(reader: TelemetryLineReader(path: path), schema: schema, schemaID: schemaID,
                      startMicroseconds: startMicroseconds, rate: rate)
    }

    /// Reads from `reader`; `schema` (if given) fixes channels and types, else the first
    /// object defines them under `schemaID`.
    public init(
        reader: TelemetryLineReader, schema: TelemetrySchema? = nil, schemaID: UInt16 = 1,
        startMicroseconds: Int64, rate: TelemetryRate
    ) throws(TelemetryInputError) {
        var reader = reader
        if let schema {
            self.schema = schema
        } else {
            guard let first = try Self.nextObject(&reader) else {
                throw TelemetryInputError(source: reader.sourceName, line: reader.lineNumber, problem: .empty)
            }
            self.schema = try Self.inferSchema(from: first.object, id: schemaID, source: reader.sourceName, line: first.line)
            pendingObject = first
        }
        self.reader = reader
        clock = TelemetrySampleClock(startMicroseconds: startMicroseconds, rate: rate)
        relativeTime = TelemetryRelativeTime(startMicroseconds: startMicroseconds)
    }

    public mutating func next(count: Int) throws(TelemetryInputError) -> [TelemetrySample]? {
        var samples: [TelemetrySample] = []
        while samples.count < max(1, count) {
            let entry: (object: TelemetryJSONValue, line: Int)
            if let pending = pendingObject {
                entry = pending
                pendingObject = nil
            } else if let read = try Self.nextObject(&reader) {
                entry = read
            } else {
                break
            }
            samples.append(try sample(from: entry.object, line: entry.line))
        }
        return samples.isEmpty ? nil : samples
    }

    private mutating func sample(from object: TelemetryJSONValue, line: Int) throws(TelemetryInputError) -> TelemetrySample {
        func fail(_ problem: TelemetryInputError.Problem) -> TelemetryInputError {
            TelemetryInputError(source: reader.sourceName, line: line, problem: problem)
        }
        var values: [TelemetryValue] = []
        values.reserveCapacity(schema.channels.count)
        for channel in schema.channels {
            guard let json = object[channel.name] else { throw fail(.missingChannel(channel.name)) }
            guard let value = Self.convert(json, to: channel.type) else {
                let text = Self.render(json)
                throw fail(TelemetryValueParser.problem(text, type: channel.type, channel: channel.name))
            }
            values.append(value)
        }
        let index = clock.advance()
        var capture = clock.captureMicroseconds(sampleIndex: index)
        for unit in [TelemetryTimeColumn.seconds, .microseconds] where schema.channelIndex(named: unit.name) == nil {
            guard let json = object[unit.name] else { continue }
            guard case .number(let literal) = json, let fileTime = unit.microseconds(from: literal) else {
                throw fail(.notANumber(channel: unit.name, text: Self.render(json)))
            }
            capture = relativeTime.captureMicroseconds(fileMicroseconds: fileTime)
            break
        }
        return TelemetrySample(captureMicroseconds: capture, values: values)
    }

    private static func convert(_ json: TelemetryJSONValue, to type: TelemetryValueType) -> TelemetryValue? {
        switch (json, type) {
        case (.number(let literal), .float32), (.number(let literal), .float64),
            (.number(let literal), .int16), (.number(let literal), .int32):
            return TelemetryValueParser.parse(literal, as: type)
        case (.string(let text), .float32), (.string(let text), .float64):
            guard ["nan", "infinity", "-infinity", "inf", "-inf"].contains(text.lowercased()) else { return nil }
            return TelemetryValueParser.parse(text, as: type)
        case (.bool(let flag), .bool):
            return .bool(flag)
        default:
            return nil
        }
    }

    private static func inferSchema(
        from object: TelemetryJSONValue, id: UInt16, source: String, line: Int
    ) throws(TelemetryInputError) -> TelemetrySchema {
        guard case .object(let members) = object else {
            throw TelemetryInputError(source: source, line: line, problem: .notAnObject)
        }
        var channels: [TelemetryChannel] = []
        var seen = Set<String>()
        for (key, value) in members where TelemetryTimeColumn(name: key) == nil && seen.insert(key).inserted {
            let type: TelemetryValueType
            switch value {
            case .bool: type = .bool
            case .number: type = .float64
            case .string where convert(value, to: .float64) != nil: type = .float64
            default: throw TelemetryInputError(source: source, line: line, problem: .cannotInferType(channel: key))
            }
            channels.append(TelemetryChannel(name: key, type: type))
        }
        do {
            return try TelemetrySchema(id: id, channels: channels)
        } catch {
            throw TelemetryInputError(source: source, line: line, problem: .badSchema(error))
        }
    }

    /// The next non-blank line parsed as a JSON object, with its line number.
    private static func nextObject(
        _ reader: inout TelemetryLineReader
    ) throws(TelemetryInputError) -> (object: TelemetryJSONValue, line: Int)? {
        while let line = try reader.nextLine() {
            guard !line.trimmingWhitespace().isEmpty else { continue }
            let value: TelemetryJSONValue
            do {
                value = try TelemetryJSONParser.parse(line)
            } catch {
                throw TelemetryInputError(
                    source: reader.sourceName, line: reader.lineNumber, problem: .invalidJSON(error.description))
            }
            guard case .object = value else {
                throw TelemetryInputError(source: reader.sourceName, line: reader.lineNumber, problem: .notAnObject)
            }
            return (value, reader.lineNumber)
        }
        return nil
    }

    /// Short text for a JSON value in error messages.
    private static func render(_ json: TelemetryJSONValue) -> String {
        switch json {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let literal): literal
        case .string(let text): "\"\(text)\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}
