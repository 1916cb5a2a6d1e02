/// Telemetry from a CSV file with a header row.
///
/// Header cells are channel names, optionally typed as `name:type` (`ax:float32`,
/// `n:int32`, `ok:bool`); untyped channels are inferred from the first data row (`true`/`false`
/// → bool, any number → float64). A column named `time` (seconds) or `time_us` (µs) gives
/// capture times relative to the first row (see ``TelemetryTimeColumn``); without one, rows are
/// spaced at `rate` from `startMicroseconds`. Blank lines and lines starting with `#` are
/// skipped. Every error names the file and line, e.g. `imu.csv:7: expected 4 columns, found 3`.
public struct CSVTelemetrySource: TelemetrySource, Sendable {
    public let schema: TelemetrySchema
    private var reader: TelemetryLineReader
    private var clock: TelemetrySampleClock
    private var relativeTime: TelemetryRelativeTime
    private let timeColumn: (index: Int, unit: TelemetryTimeColumn)?
    /// Header column of each schema channel, in schema order.
    private let channelColumns: [Int]
    private let columnCount: Int
    /// The first data row, read early to infer types.
    private var pendingRow: (cells: [String], line: Int)?

    /// Name used in errors (the path, or `stdin`).
    public var sourceName: String { reader.sourceName }

    /// Opens `path` (`-` = standard input) and reads the header.
    public init(
        path: String, schemaID: UInt16 = 1, startMicroseconds: Int64, rate: TelemetryRate
    ) throws(TelemetryInputError) {
        try self.init(reader: TelemetryLineReader(path: path), schemaID: schemaID,
                      startMicroseconds: startMicroseconds, rate: rate)
    }

    /// Reads the header (and, if a type must be inferred, the first data row) from `reader`.
    public init(
        reader: TelemetryLineReader, schemaID: UInt16 = 1, startMicroseconds: Int64, rate: TelemetryRate
    ) throws(TelemetryInputError) {
        var reader = reader
        guard let (header, headerLine) = try Self.nextRow(&reader) else {
            throw TelemetryInputError(source: reader.sourceName, line: reader.lineNumber, problem: .empty)
        }
        func fail(_ problem: TelemetryInputError.Problem, line: Int = headerLine) -> TelemetryInputError {
            TelemetryInputError(source: reader.sourceName, line: line, problem: problem)
        }
        var names: [String] = []
        var declared: [TelemetryValueType?] = []
        var columns: [Int] = []
        var time: (index: Int, unit: TelemetryTimeColumn)?
        for (index, cell) in header.enumerated() {
            var name = cell
            var type: TelemetryValueType?
            if let colon = cell.lastIndex(of: ":") {
                let typeName = String(cell[cell.index(after: colon)...]).trimmingWhitespace()
                guard let parsed = TelemetryValueType(name: typeName) else {
                    throw fail(.badHeader("unknown type '\(typeName)' in column \(index + 1) '\(cell)'"))
                }
                name = String(cell[..<colon]).trimmingWhitespace()
                type = parsed
            }
            if let unit = TelemetryTimeColumn(name: name) {
                guard time == nil else { throw fail(.badHeader("more than one time column")) }
                time = (index, unit)
                continue
            }
            names.append(name)
            declared.append(type)
            columns.append(index)
        }
        var pending: (cells: [String], line: Int)?
        if declared.contains(nil) {
            pending = try Self.nextRow(&reader)
            if let row = pending, row.cells.count != header.count {
                throw fail(.wrongColumnCount(expected: header.count, found: row.cells.count), line: row.line)
            }
        }
        var channels: [TelemetryChannel] = []
        for (position, name) in names.enumerated() {
            if let type = declared[position] {
                channels.append(TelemetryChannel(name: name, type: type))
                continue
            }
            // No data row at all: an untyped channel defaults to float64.
            guard let row = pending else {
                channels.append(TelemetryChannel(name: name, type: .float64))
                continue
            }
            let cell = row.cells[columns[position]]
            guard let inferred = TelemetryValueParser.inferType(cell) else {
                throw fail(.notANumber(channel: name, text: cell), line: row.line)
            }
            channels.append(TelemetryChannel(name: name, type: inferred))
        }
        do {
            schema = try TelemetrySchema(id: schemaID, channels: channels)
        } catch {
            throw fail(.badSchema(error))
        }
        self.reader = reader
        clock = TelemetrySampleClock(startMicroseconds: startMicroseconds, rate: rate)
        relativeTime = TelemetryRelativeTime(startMicroseconds: startMicroseconds)
        timeColumn = time
        channelColumns = columns
        columnCount = header.count
        pendingRow = pending
    }

    public mutating func next(count: Int) throws(TelemetryInputError) -> [TelemetrySample]? {
        var samples: [TelemetrySample] = []
        while samples.count < max(1, count) {
            let row: (cells: [String], line: Int)
            if let pending = pendingRow {
                row = pending
                pendingRow = nil
            } else if let read = try Self.nextRow(&reader) {
                row = read
            } else {
                break
            }
            samples.append(try sample(from: row.cells, line: row.line))
        }
        return samples.isEmpty ? nil : samples
    }

    private mutating func sample(from cells: [String], line: Int) throws(TelemetryInputError) -> TelemetrySample {
        guard cells.count == columnCount else {
            throw TelemetryInputError(
                source: sourceName, line: line, problem: .wrongColumnCount(expected: columnCount, found: cells.count))
        }
        var values: [TelemetryValue] = []
        values.reserveCapacity(channelColumns.count)
        for (channel, column) in zip(schema.channels, channelColumns) {
            guard let value = TelemetryValueParser.parse(cells[column], as: channel.type) else {
                throw TelemetryInputError(
                    source: sourceName, line: line,
                    problem: TelemetryValueParser.problem(cells[column], type: channel.type, channel: channel.name))
            }
            values.append(value)
        }
        let index = clock.advance()
        var capture = clock.captureMicroseconds(sampleIndex: index)
        if let (column, unit) = timeColumn {
            guard let fileTime = unit.microseconds(from: cells[column]) else {
                throw TelemetryInputError(
                    source: sourceName, line: line, problem: .notANumber(channel: unit.name, text: cells[column]))
            }
            capture = relativeTime.captureMicroseconds(fileMicroseconds: fileTime)
        }
        return TelemetrySample(captureMicroseconds: capture, values: values)
    }

    /// The next non-blank, non-comment row split into cells, with its line number.
    private static func nextRow(
        _ reader: inout TelemetryLineReader
    ) throws(TelemetryInputError) -> (cells: [String], line: Int)? {
        while let line = try reader.nextLine() {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let cells = TelemetryCSVLine.split(line) else {
                throw TelemetryInputError(source: reader.sourceName, line: reader.lineNumber, problem: .unbalancedQuote)
            }
            return (cells, reader.lineNumber)
        }
        return nil
    }
}
