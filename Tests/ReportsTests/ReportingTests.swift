import Foundation
import JitterbugSupport
import Stats
import Testing
@testable import Reports

@Suite struct ReportingTests {
    static let records = [
        IntervalRecord(
            startSeconds: 0, endSeconds: 1, packets: 49, lost: 1, expected: 50, lostPercent: 2, late: 0,
            jitterMilliseconds: 0.5234, latencyP50Milliseconds: 41.2, latencyP99Milliseconds: 55.1,
            bufferMilliseconds: 60, kilobitsPerSecond: 64.32, mos: 4.2149, roundTripMilliseconds: nil),
        {
            var record = IntervalRecord(
                startSeconds: 1, endSeconds: 2.0004, packets: 1_234_567, lost: 0, expected: 1_234_567, lostPercent: 0,
                late: 12, jitterMilliseconds: 12.3456, latencyP50Milliseconds: 0, latencyP99Milliseconds: 0,
                bufferMilliseconds: 120.25, kilobitsPerSecond: 1.0 / 3, mos: 1, roundTripMilliseconds: 125.0625)
            // A telemetry interval: every optional key present.
            record.targetDelayMilliseconds = 100.04
            record.ageOfInformationMaxMilliseconds = 31.25
            record.updateGapMaxMilliseconds = 20.5
            record.scaledMilliseconds = 12.5
            return record
        }(),
    ]

    @Test func intervalLinesAreFixedWidthUnderTheHeader() {
        var formatter = IntervalLineFormatter()
        let buffer = TextBuffer()
        for record in Self.records { formatter.write(record, to: buffer.output) }
        let lines = buffer.lines
        #expect(lines == [
            "[      t      ]  packets      lost/expected (%)   late    jitter          p50/p99  playout   target   scaled   kbit/s   MOS",
            "[  0.00-  1.00]       49           1/50 (2.00%)      0    0.52ms    41.20/55.10ms   60.0ms        -        -     64.3  4.21",
            "[  1.00-  2.00]  1234567      0/1234567 (0.00%)     12   12.35ms      0.00/0.00ms  120.3ms  100.0ms  +12.5ms      0.3  1.00",
        ])
        // Every column ends where its header label ends.
        #expect(Set(lines.map(\.count)).count == 1)

        let withRTT = IntervalLineFormatter(showsRoundTripTime: true)
        #expect(withRTT.header.hasSuffix("MOS       rtt"))
        #expect(withRTT.line(Self.records[0]).hasSuffix("4.21         -"))
        #expect(withRTT.line(Self.records[1]).hasSuffix("1.00   125.1ms"))
    }

    @Test func headerRepeats() {
        var formatter = IntervalLineFormatter(headerRepeatInterval: 2)
        let buffer = TextBuffer()
        for _ in 0..<5 { formatter.write(Self.records[0], to: buffer.output) }
        #expect(buffer.lines.filter { $0 == formatter.header }.count == 3)
        #expect(buffer.lines.count == 8)
    }

    @Test func jsonLinesParseBackWithStableKeyOrder() throws {
        let buffer = TextBuffer()
        let writer = JSONLWriter(output: buffer.output)
        for record in Self.records { writer.write(record) }
        let lines = buffer.lines
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("{\"t_start_s\":0.0,\"t_end_s\":1.0,\"packets\":49,\"lost\":1,"))
        for (line, record) in zip(lines, Self.records) {
            // Keys appear in fieldNames order.
            let positions = IntervalRecord.fieldNames.compactMap { line.range(of: "\"\($0)\":")?.lowerBound }
            #expect(positions.count == IntervalRecord.fieldNames.count)
            #expect(positions == positions.sorted())
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == Set(IntervalRecord.fieldNames))
            try Self.expect(object, matches: record)
        }
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["rtt_ms"] as? Double == 125.063)  // rounded to 3 decimals
        #expect(second["t_end_s"] as? Double == 2)
    }

    @Test func csvParsesBackAndAgrees() throws {
        let buffer = TextBuffer()
        var writer = CSVWriter(output: buffer.output, for: IntervalRecord.self)
        for record in Self.records { writer.write(record) }
        let lines = buffer.lines
        #expect(lines.count == 3)
        #expect(lines[0] == IntervalRecord.fieldNames.joined(separator: ","))
        for (line, record) in zip(lines.dropFirst(), Self.records) {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells.count == IntervalRecord.fieldNames.count)
            var object: [String: Any] = [:]
            for (name, cell) in zip(IntervalRecord.fieldNames, cells) {
                object[name] = cell.isEmpty ? NSNull() : (Double(cell) as Any)
            }
            try Self.expect(object, matches: record)
        }
        #expect(CSVWriter<IntervalRecord>.cell("a,\"b\"") == "\"a,\"\"b\"\"\"")
        // The header is written once, even when asked again.
        writer.writeHeaderIfNeeded()
        #expect(buffer.lines.count == 3)
    }

    @Test func codableUsesSnakeCaseKeys() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(Self.records[1])
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == Set(IntervalRecord.fieldNames))
        #expect(try JSONDecoder().decode(IntervalRecord.self, from: data) == Self.records[1])
    }

    @Test func recordFromIntervalCounter() {
        var counter = IntervalCounter(start: .seconds(1))
        let interval = counter.closeInterval(
            at: .seconds(2), totals: .init(packets: 48, payloadBytes: 8_000, expected: 50, lost: 2))
        var latency = LatencyHistogram()
        latency.record(.milliseconds(40))
        let record = IntervalRecord(
            endSeconds: 2, interval: interval, late: 1, jitterMilliseconds: 0.5, latency: latency,
            bufferMilliseconds: 60, mos: 4.1, roundTripTime: .milliseconds(125))
        #expect(record.startSeconds == 1)
        #expect(record.lostPercent == 4)
        #expect(record.kilobitsPerSecond == 64)
        #expect(record.latencyP50Milliseconds == 40)
        #expect(record.roundTripMilliseconds == 125)
    }

    @Test func textOutputToFileAndDash() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("session-\(UInt32.random(in: 0...UInt32.max)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try TextOutput.open(path: path)
        output.writeLine("hello")
        output.write("world\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello\nworld\n")
        #expect(throws: (any Error).self) { try TextOutput.open(path: "/nonexistent-dir/x/y.csv") }
        _ = try TextOutput.open(path: "-")  // standard output, must not throw
    }

    /// Numbers agree with the record after rounding to 3 decimals; `rtt_ms` null when absent.
    static func expect(_ object: [String: Any], matches record: IntervalRecord) throws {
        for (name, value) in zip(IntervalRecord.fieldNames, record.fieldValues) {
            switch value {
            case .integer(let integer):
                #expect((object[name] as? NSNumber)?.int64Value == integer, "\(name)")
            case .number(let number):
                let parsed = try #require(object[name] as? Double, "\(name)")
                #expect(parsed == (number * 1_000).rounded() / 1_000, "\(name)")
            case .null:
                #expect(object[name] is NSNull, "\(name)")
            case .text(let text):
                #expect(object[name] as? String == text, "\(name)")
            }
        }
    }
}

@Suite struct NonFiniteReportingTests {
    @Test func nonFiniteNumbersBecomeNullEmptyOrText() throws {
        var record = ReportingTests.records[0]
        record.mos = .nan
        record.jitterMilliseconds = -.infinity
        let json = JSONLWriter.encode(record)
        #expect(json.contains("\"mos\":null"))
        #expect(json.contains("\"jitter_ms\":null"))
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
        let cells = CSVWriter<IntervalRecord>.row(record).split(separator: ",", omittingEmptySubsequences: false)
        #expect(cells[IntervalRecord.fieldNames.firstIndex(of: "mos") ?? 0] == "")
        let line = IntervalLineFormatter().line(record)
        #expect(line.hasSuffix(" -"), "no MOS is shown as -")
        #expect(line.contains("-infms"))
    }

    @Test func fixedFormattingRoundsHalfAwayAndAvoidsNegativeZero() {
        #expect((2.675).formatted(decimals: 1) == "2.7")
        #expect((-0.004).formatted(decimals: 2) == "0.00")
        #expect((-1.5).formatted(decimals: 0) == "-2")
        #expect((0.05).formatted(decimals: 3) == "0.050")
        #expect((1e300).formatted(decimals: 2) == "1e+300")
        #expect(JSONLine.quoted("a\"b\\\n\u{1}") == "\"a\\\"b\\\\\\n\\u0001\"")
    }
}
