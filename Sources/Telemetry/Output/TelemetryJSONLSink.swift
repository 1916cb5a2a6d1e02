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
        switch record {
        case .sample(let sample):
            let values = zip(sample.schema.channels, sample.sample.values).map { channel, value in
                TelemetryNumberFormatting.jsonString(channel.name) + ":"
                    + TelemetryNumberFormatting.text(value, quoteNonFinite: true)
            }
            return "{\"type\":\"sample\",\"seq\":\(sample.sequenceNumber),\"index\":\(sample.index)"
                + ",\"capture_us\":\(sample.sample.captureMicroseconds),\"arrival_us\":\(sample.arrivalMicroseconds)"
                + ",\"latency_ms\":\(TelemetryNumberFormatting.milliseconds(fromMicroseconds: sample.latencyMicroseconds))"
                + ",\"values\":{\(values.joined(separator: ","))}}"
        case .gap(let gap):
            return "{\"type\":\"gap\",\"first_seq\":\(gap.firstSequenceNumber),\"last_seq\":\(gap.lastSequenceNumber)"
                + ",\"count\":\(gap.count),\"from_us\":\(gap.fromMicroseconds),\"to_us\":\(gap.toMicroseconds)}"
        }
    }
}
