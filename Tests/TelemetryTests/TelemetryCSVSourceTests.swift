import Foundation
import Testing

#if canImport(TelemetryCodec)
@testable import TelemetryCodec
#else
@testable import Telemetry
#endif

@Suite struct TelemetryCSVSourceTests {
    private let start: Int64 = 1_700_000_000_000_000
    private let rate = try! TelemetryRate(parsing: "100hz")

    private func source(_ text: String, name: String = "data.csv") throws -> CSVTelemetrySource {
        try CSVTelemetrySource(
            reader: TelemetryLineReader(text: text, sourceName: name), schemaID: 3, startMicroseconds: start, rate: rate)
    }

    /// The error thrown while opening and reading all of `text`.
    private func failure(_ text: String, name: String = "bad.csv") -> TelemetryInputError? {
        do {
            var csv = try source(text, name: name)
            while try csv.next(count: 10) != nil {}
            return nil
        } catch let error as TelemetryInputError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func readsTypedAndInferredColumnsWithATimeColumn() throws {
        let text = """
            # recorded on the bench
            time,ax:float32,count:int32,ok,"temp, C"
            0.000,1.5,1,true,20.5
            0.010, -2 ,2,false,21\r

            0.025,NaN,-3,1,inf
            """
        var csv = try source(text)
        #expect(csv.schema.id == 3)
        #expect(csv.schema.channels == [
            TelemetryChannel(name: "ax", type: .float32), TelemetryChannel(name: "count", type: .int32),
            TelemetryChannel(name: "ok", type: .bool), TelemetryChannel(name: "temp, C", type: .float64),
        ])
        let firstBatch = try csv.next(count: 2)
        let first = try #require(firstBatch)
        #expect(first.map(\.captureMicroseconds) == [start, start + 10_000])
        #expect(first[0].values == [.float32(1.5), .int32(1), .bool(true), .float64(20.5)])
        #expect(first[1].values == [.float32(-2), .int32(2), .bool(false), .float64(21)])
        let lastBatch = try csv.next(count: 2)
        let last = try #require(lastBatch)
        #expect(last.count == 1)
        #expect(last[0].captureMicroseconds == start + 25_000)
        #expect(last[0].values == [.float32(.nan), .int32(-3), .bool(true), .float64(.infinity)])
        #expect(try csv.next(count: 2) == nil)
    }

    @Test func withoutATimeColumnRowsAreSpacedAtTheRate() throws {
        var csv = try source("a,b:int16\n1,2\n3,4\n5,6\n")
        let batch = try csv.next(count: 10)
        let rows = try #require(batch)
        #expect(rows.map(\.captureMicroseconds) == [start, start + 10_000, start + 20_000])
        #expect(rows.map(\.values) == [[.float64(1), .int16(2)], [.float64(3), .int16(4)], [.float64(5), .int16(6)]])
        var micros = try source("time_us,v:int32\n5000000,1\n5000250,2\n")
        let microBatch = try micros.next(count: 10)
        #expect(microBatch?.map(\.captureMicroseconds) == [start, start + 250])
    }

    @Test func errorsNameTheFileAndLine() {
        let columns = failure("x,y,z\n1,2,3\n4,5\n")
        #expect(columns == TelemetryInputError(source: "bad.csv", line: 3, problem: .wrongColumnCount(expected: 3, found: 2)))
        #expect(columns?.description == "bad.csv:3: expected 3 columns, found 2")
        #expect(columns?.reason == "wrong_column_count")

        let number = failure("x,y\n1,2\n\n3,abc\n")
        #expect(number?.description == "bad.csv:4: channel 'y': 'abc' is not a valid number for its type")
        #expect(number?.reason == "not_a_number")

        #expect(failure("n:int16\n40000\n")?.problem == .notANumber(channel: "n", text: "40000"))
        #expect(failure("n:int32\n1.5\n")?.problem == .notANumber(channel: "n", text: "1.5"))
        #expect(failure("b:bool\nyes\n")?.description == "bad.csv:2: channel 'b': 'yes' is not a bool (use true/false)")
        #expect(failure("a\nhello\n") == TelemetryInputError(
            source: "bad.csv", line: 2, problem: .notANumber(channel: "a", text: "hello")))
        #expect(failure("a,b\n1,2,3\n")?.problem == .wrongColumnCount(expected: 2, found: 3))
        #expect(failure("time,a\nsoon,1\n")?.problem == .notANumber(channel: "time", text: "soon"))
        #expect(failure("a:complex\n1\n")?.reason == "bad_header")
        #expect(failure("a:complex\n1\n")?.line == 1)
        #expect(failure("time,time_us,a\n1,2,3\n")?.reason == "bad_header")
        #expect(failure("a,a\n1,2\n")?.problem == .badSchema(.duplicateChannelName("a")))
        #expect(failure("a,\n1,2\n")?.problem == .badSchema(.emptyChannelName(index: 1)))
        #expect(failure("a,b\n\"1,2\n")?.problem == .unbalancedQuote)
        #expect(failure("\n# only a comment\n")?.problem == .empty)
    }

    @Test func readsARealFileAndNamesItsPath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("telemetry-csv-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.csv").path
        // Larger than one read(2) chunk so lines straddle chunk boundaries.
        var body = "i:int32,v\n"
        for index in 0..<20_000 { body += "\(index),\(Double(index) / 4)\n" }
        try body.write(toFile: good, atomically: true, encoding: .utf8)
        var csv = try CSVTelemetrySource(path: good, startMicroseconds: 0, rate: rate)
        var count = 0
        while let batch = try csv.next(count: 64) {
            for sample in batch {
                #expect(sample.values == [.int32(Int32(count)), .float64(Double(count) / 4)])
                count += 1
            }
        }
        #expect(count == 20_000)

        let bad = directory.appendingPathComponent("bad.csv").path
        try "a,b\n1,2\n3\n".write(toFile: bad, atomically: true, encoding: .utf8)
        var badSource = try CSVTelemetrySource(path: bad, startMicroseconds: 0, rate: rate)
        do {
            _ = try badSource.next(count: 10)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "\(bad):3: expected 2 columns, found 1")
        }
        let missing = directory.appendingPathComponent("missing.csv").path
        #expect(throws: TelemetryInputError(source: missing, line: 0, problem: .readFailed(errno: ENOENT))) {
            try CSVTelemetrySource(path: missing, startMicroseconds: 0, rate: rate)
        }
    }

    @Test func csvLineSplittingFollowsRFC4180Quoting() {
        #expect(TelemetryCSVLine.split("a, b ,\"c,d\",\"say \"\"hi\"\"\",") == ["a", "b", "c,d", "say \"hi\"", ""])
        #expect(TelemetryCSVLine.split("\"open") == nil)
        #expect(TelemetryCSVLine.escape("plain") == "plain")
        #expect(TelemetryCSVLine.escape("a,\"b\"") == "\"a,\"\"b\"\"\"")
    }
}
