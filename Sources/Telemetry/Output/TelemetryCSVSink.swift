/// Writes CSV with one header row and one row per record. Columns:
///
///     type,seq,index,capture_us,arrival_us,latency_ms,<channels...>,first_seq,last_seq,count,from_us,to_us
///
/// Sample rows leave the gap columns empty and gap rows leave the sample columns empty.
/// Channel columns come from the first sample's schema (written lazily with the first record);
/// a later sample with another schema fills the columns whose names match and leaves the rest
/// empty. A channel whose name equals a fixed column is prefixed `ch_`. Number formatting as in
/// ``TelemetryJSONLSink`` but NaN/Infinity are unquoted.
public struct TelemetryCSVSink: TelemetrySink, Sendable {
    static let leadingColumns = ["type", "seq", "index", "capture_us", "arrival_us", "latency_ms"]
    static let gapColumns = ["first_seq", "last_seq", "count", "from_us", "to_us"]

    public private(set) var output: TelemetryTextOutput
    /// Channel names (as in the schema) that have columns; `nil` until the header is written.
    public private(set) var channelNames: [String]?

    public init(output: TelemetryTextOutput) { self.output = output }

    /// Writes to `path` (`-` = standard output).
    public init(path: String) throws(TelemetryOutputError) { output = try TelemetryTextOutput(path: path) }

    public mutating func write(_ record: TelemetryRecord) throws(TelemetryOutputError) {
        if channelNames == nil {
            var names: [String] = []
            if case .sample(let sample) = record { names = sample.schema.channels.map(\.name) }
            channelNames = names
            try output.write(Self.header(channelNames: names) + "\n")
        }
        try output.write(Self.row(for: record, channelNames: channelNames ?? []) + "\n")
    }

    public mutating func flush() throws(TelemetryOutputError) { try output.flush() }

    /// The header row for these channel columns.
    public static func header(channelNames: [String]) -> String {
        let reserved = Set(leadingColumns + gapColumns)
        let channelColumns = channelNames.map { reserved.contains($0) ? "ch_" + $0 : $0 }
        return (leadingColumns + channelColumns + gapColumns).map(TelemetryCSVLine.escape).joined(separator: ",")
    }

    /// One data row for `record` under a header with `channelNames`.
    public static func row(for record: TelemetryRecord, channelNames: [String]) -> String {
        let emptyChannels = [String](repeating: "", count: channelNames.count)
        switch record {
        case .sample(let sample):
            let byName = Dictionary(
                zip(sample.schema.channels.map(\.name), sample.sample.values), uniquingKeysWith: { first, _ in first })
            let values = channelNames.map { name in
                byName[name].map { TelemetryNumberFormatting.text($0) } ?? ""
            }
            let leading = [
                "sample", String(sample.sequenceNumber), String(sample.index),
                String(sample.sample.captureMicroseconds), String(sample.arrivalMicroseconds),
                TelemetryNumberFormatting.milliseconds(fromMicroseconds: sample.latencyMicroseconds),
            ]
            return (leading + values + ["", "", "", "", ""]).joined(separator: ",")
        case .gap(let gap):
            let trailing = [
                String(gap.firstSequenceNumber), String(gap.lastSequenceNumber), String(gap.count),
                String(gap.fromMicroseconds), String(gap.toMicroseconds),
            ]
            return (["gap", "", "", "", "", ""] + emptyChannels + trailing).joined(separator: ",")
        }
    }
}
