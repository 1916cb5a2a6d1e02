import JitterbugSupport

/// Writes one JSON object per line, keys in a fixed order:
///
///     {"type":"sample","seq":7,"index":0,"capture_us":1700000000000000,"arrival_us":1700000000012345,"latency_ms":12.345,"values":{"ax":0.01,"ok":true}}
///     {"type":"gap","first_seq":8,"last_seq":9,"count":2,"from_us":1700000000010000,"to_us":1700000000040000}
///
/// `seq` is the extended RTP sequence number, `index` the sample's position in its frame,
/// times are µs since the Unix epoch, `latency_ms` = arrival − capture with three decimals.
/// Floats use the shortest round-trip decimal; NaN and infinities are the strings `"NaN"`,
/// `"Infinity"`, `"-Infinity"`.
public struct TelemetryJSONLSink: TelemetrySink, Sendable {
    public private(set) var output: TelemetryTextOutput

    public init(output: TelemetryTextOutput) { self.output = output }

    /// Writes to `path` (`-` = standard output).
    public init(path: String) throws(TelemetryOutputError) { output = try TelemetryTextOutput(path: path) }

    public mutating func write(_ record: TelemetryRecord) throws(TelemetryOutputError) {
        try output.write(Self.line(for: record) + "\n")
    }

    public mutating func flush() throws(TelemetryOutputError) { try output.flush() }

    /// The JSON text of `record` without the newline.
    public static func line(for record: TelemetryRecord) -> String {
        var line = JSONLine()
        switch record {
        case .sample(let sample):
            var values = JSONLine()
            for (channel, value) in zip(sample.schema.channels, sample.sample.values) {
                switch value {
                case .float32(let number): values.add(channel.name, number, nonFinite: .string)
                case .float64(let number): values.add(channel.name, number, nonFinite: .string)
                case .int16(let number): values.add(channel.name, number)
                case .int32(let number): values.add(channel.name, number)
                case .bool(let flag): values.add(channel.name, flag)
                }
            }
            line.add("type", "sample")
            line.add("seq", sample.sequenceNumber)
            line.add("index", sample.index)
            line.add("capture_us", sample.sample.captureMicroseconds)
            line.add("arrival_us", sample.arrivalMicroseconds)
            line.add("latency_ms", Double(sample.latencyMicroseconds) / 1_000, decimals: 3)
            if sample.late { line.add("late", true) }
            line.add("values", values)
        case .gap(let gap):
            line.add("type", "gap")
            line.add("first_seq", gap.firstSequenceNumber)
            line.add("last_seq", gap.lastSequenceNumber)
            line.add("count", gap.count)
            line.add("from_us", gap.fromMicroseconds)
            line.add("to_us", gap.toMicroseconds)
        }
        return line.text
    }
}
