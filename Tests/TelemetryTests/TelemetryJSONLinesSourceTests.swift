import Foundation
import Testing

#if canImport(TelemetryCodec)
@testable import TelemetryCodec
#else
@testable import Telemetry
#endif

@Suite struct TelemetryJSONLinesSourceTests {
    private let start: Int64 = 1_000_000
    private let rate = try! TelemetryRate(parsing: "10hz")

    private func source(_ text: String, schema: TelemetrySchema? = nil) throws -> JSONLinesTelemetrySource {
        try JSONLinesTelemetrySource(
            reader: TelemetryLineReader(text: text, sourceName: "stdin"), schema: schema, startMicroseconds: start,
            rate: rate)
    }

    private func failure(_ text: String, schema: TelemetrySchema? = nil) -> TelemetryInputError? {
        do {
            var jsonl = try source(text, schema: schema)
            while try jsonl.next(count: 10) != nil {}
            return nil
        } catch let error as TelemetryInputError {
            return error
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func firstObjectDefinesTheSchemaInKeyOrder() throws {
        let text = """
            {"zeta": 0.5, "ok": true, "time": 100.0, "alpha": 3}
            {"alpha": -1e3, "ok": false, "time": 100.02, "zeta": 2, "extra": [1, {"x": null}]}

            {"ok": true, "zeta": "NaN", "alpha": "-Infinity", "time": 100.05}
            """
        var jsonl = try source(text)
        #expect(jsonl.schema.channels == [
            TelemetryChannel(name: "zeta", type: .float64), TelemetryChannel(name: "ok", type: .bool),
            TelemetryChannel(name: "alpha", type: .float64),
        ])
        let batch = try jsonl.next(count: 10)
        let samples = try #require(batch)
        #expect(samples.map(\.captureMicroseconds) == [start, start + 20_000, start + 50_000])
        #expect(samples.map(\.values) == [
            [.float64(0.5), .bool(true), .float64(3)],
            [.float64(2), .bool(false), .float64(-1000)],
            [.float64(.nan), .bool(true), .float64(-.infinity)],
        ])
        #expect(try jsonl.next(count: 10) == nil)
    }

    @Test func givenSchemaFixesTypesAndRateSpacesSamples() throws {
        let schema = try TelemetrySchema(id: 9, channels: [
            TelemetryChannel(name: "n", type: .int16), TelemetryChannel(name: "f", type: .float32),
            TelemetryChannel(name: "caf\u{E9}", type: .int32),
        ])
        var jsonl = try source(#"{"f": 0.1, "n": -32768, "caf\u00e9": 2147483647}"# + "\n" + #"{"n":7,"f":1E2,"café":0}"#, schema: schema)
        let batch = try jsonl.next(count: 1)
        #expect(batch == [TelemetrySample(captureMicroseconds: start, values: [.int16(.min), .float32(0.1), .int32(.max)])])
        let second = try jsonl.next(count: 5)
        #expect(second == [TelemetrySample(captureMicroseconds: start + 100_000, values: [.int16(7), .float32(100), .int32(0)])])
    }

    @Test func errorsNameStdinAndTheLine() throws {
        let notObject = failure("{\"a\": 1}\n[1, 2]\n")
        #expect(notObject == TelemetryInputError(source: "stdin", line: 2, problem: .notAnObject))
        #expect(notObject?.description == "stdin:2: expected a JSON object ({...}) per line")
        #expect(failure("\"just a string\"\n")?.problem == .notAnObject)
        #expect(failure("42")?.problem == .notAnObject)

        let missing = failure("{\"a\": 1, \"b\": 2}\n\n{\"a\": 3}\n")
        #expect(missing == TelemetryInputError(source: "stdin", line: 3, problem: .missingChannel("b")))
        #expect(missing?.description == "stdin:3: missing channel 'b'")

        #expect(failure("{\"a\": 1}\n{\"a\": \"x\"}\n")?.problem == .notANumber(channel: "a", text: "\"x\""))
        #expect(failure("{\"a\": 1}\n{\"a\": null}\n")?.problem == .notANumber(channel: "a", text: "null"))
        #expect(failure("{\"a\": true}\n{\"a\": 1}\n")?.problem == .notABool(channel: "a", text: "1"))
        let schema = try TelemetrySchema(id: 1, channels: [TelemetryChannel(name: "n", type: .int16)])
        #expect(failure("{\"n\": 1.5}\n", schema: schema)?.problem == .notANumber(channel: "n", text: "1.5"))
        #expect(failure("{\"n\": 70000}\n", schema: schema)?.problem == .notANumber(channel: "n", text: "70000"))
        #expect(failure("{\"a\": 1, \"time\": \"now\"}\n")?.problem == .notANumber(channel: "time", text: "\"now\""))
        #expect(failure("{\"a\": [1]}\n")?.problem == .cannotInferType(channel: "a"))
        #expect(failure("{\"time\": 1}\n")?.problem == .badSchema(.noChannels))
        #expect(failure("")?.problem == .empty)

        let invalid = failure("{\"a\": 1}\n{\"a\": 1,}\n")
        #expect(invalid?.reason == "invalid_json")
        #expect(invalid?.description == "stdin:2: invalid JSON: expected a string key at column 9")
        #expect(failure("{\"a\": 01}")?.reason == "invalid_json")
        #expect(failure("{\"a\": 1} x")?.reason == "invalid_json")
        #expect(failure("{\"a\": \"\\ud800\"}")?.reason == "invalid_json")
        #expect(failure(String(repeating: "[", count: 100))?.reason == "invalid_json")
        #expect(failure("{\"a\": 1}\n\u{FF}")?.reason == "invalid_json")
    }

    @Test func jsonParserHandlesEscapesAndSurrogates() throws {
        let value = try TelemetryJSONParser.parse(#"{"k\"ey": "a\\b\n\u00e9\ud83d\ude00/\/", "n": -0.5e-3}"#)
        guard case .string(let text) = value["k\"ey"] else { Issue.record("no string"); return }
        #expect(text == "a\\b\n\u{E9}\u{1F600}//")
        guard case .number(let literal) = value["n"] else { Issue.record("no number"); return }
        #expect(literal == "-0.5e-3")
    }

    @Test func readsLinesFromAPipeAsTheyArrive() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let readEnd = TelemetryFileDescriptor(rawValue: fds[0], closesOnDeinit: true)
        let writeEnd = TelemetryFileDescriptor(rawValue: fds[1], closesOnDeinit: true)
        var reader = TelemetryLineReader(descriptor: readEnd, sourceName: "stdin")
        #expect(writeEnd.writeAll(Array("{\"a\": 1}\n{\"a\"".utf8)) == nil)
        // The first line is complete: it must be returned without waiting for more input.
        #expect(try reader.nextLine() == "{\"a\": 1}")
        #expect(writeEnd.writeAll(Array(": 2}\n".utf8)) == nil)
        var jsonl = try JSONLinesTelemetrySource(reader: reader, startMicroseconds: 0, rate: rate)
        let batch = try jsonl.next(count: 1)
        #expect(batch?.first?.values == [.float64(2)])
        #expect(jsonl.sourceName == "stdin")
    }
}
