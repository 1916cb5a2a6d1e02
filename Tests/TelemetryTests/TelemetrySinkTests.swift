import JitterbugSupport
import Foundation
import Testing

#if canImport(TelemetryCodec)
@testable import TelemetryCodec
#else
@testable import Telemetry
#endif

@Suite struct TelemetrySinkTests {
    private let schema = try! TelemetrySchema(id: 1, channels: [
        TelemetryChannel(name: "ax", type: .float32), TelemetryChannel(name: "n", type: .int16),
        TelemetryChannel(name: "ok", type: .bool), TelemetryChannel(name: "seq", type: .float64),
        TelemetryChannel(name: "a \"b\",c", type: .int32),
    ])

    private var records: [TelemetryRecord] {
        [
            .sample(TelemetrySampleRecord(
                sequenceNumber: 65_540, index: 0, schema: schema,
                sample: TelemetrySample(captureMicroseconds: 1_700_000_000_000_000,
                                        values: [.float32(0.1), .int16(-32_768), .bool(true), .float64(1e-7), .int32(.max)]),
                arrivalMicroseconds: 1_700_000_000_012_345)),
            .gap(TelemetryGap(firstSequenceNumber: 65_541, lastSequenceNumber: 65_543,
                              fromMicroseconds: 1_700_000_000_000_000, toMicroseconds: 1_700_000_000_040_000)),
            .sample(TelemetrySampleRecord(
                sequenceNumber: 65_544, index: 3, schema: schema,
                sample: TelemetrySample(captureMicroseconds: 1_700_000_000_040_000,
                                        values: [.float32(.nan), .int16(7), .bool(false), .float64(-.infinity), .int32(-1)]),
                arrivalMicroseconds: 1_700_000_000_039_750)),
        ]
    }

    @Test func jsonlIsExactAndParsesBack() throws {
        var sink = TelemetryJSONLSink(output: .inMemory())
        for record in records { try sink.write(record) }
        #expect(sink.output.memory.isEmpty, "buffered until flush")
        try sink.flush()
        let lines = sink.output.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == #"{"type":"sample","seq":65540,"index":0,"capture_us":1700000000000000,"arrival_us":1700000000012345,"latency_ms":12.345,"values":{"ax":0.1,"n":-32768,"ok":true,"seq":1e-07,"a \"b\",c":2147483647}}"#)
        #expect(lines[1] == #"{"type":"gap","first_seq":65541,"last_seq":65543,"count":3,"from_us":1700000000000000,"to_us":1700000000040000}"#)

        let objects = try lines.map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects[0]["type"] as? String == "sample")
        #expect((objects[0]["seq"] as? NSNumber)?.int64Value == 65_540)
        #expect((objects[0]["latency_ms"] as? NSNumber)?.doubleValue == 12.345)
        let values = try #require(objects[0]["values"] as? [String: Any])
        #expect((values["ax"] as? NSNumber)?.floatValue == 0.1)
        #expect((values["a \"b\",c"] as? NSNumber)?.int32Value == .max)
        #expect((objects[1]["count"] as? NSNumber)?.intValue == 3)
        let late = try #require(objects[2]["values"] as? [String: Any])
        #expect(late["ax"] as? String == "NaN")
        #expect(late["seq"] as? String == "-Infinity")
        #expect(objects[2]["latency_ms"] as? NSNumber == -0.25)
    }

    /// `recv --late deliver`: a sample delivered after its deadline says so; others do not.
    @Test func lateSamplesAreMarkedInJSONLines() throws {
        guard case .sample(var record) = records[0] else {
            Issue.record("the first fixture record is a sample")
            return
        }
        #expect(!TelemetryJSONLSink.line(for: .sample(record)).contains(#""late":"#))
        record.late = true
        let line = TelemetryJSONLSink.line(for: .sample(record))
        #expect(line.contains(#""latency_ms":12.345,"late":true,"values":"#), "\(line)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["late"] as? Bool == true)
    }

    @Test func csvHasOneHeaderAndFixedColumnsThatSplitBack() throws {
        var sink = TelemetryCSVSink(output: .inMemory())
        for record in records { try sink.write(record) }
        try sink.flush()
        let lines = sink.output.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 5 && lines[4].isEmpty)
        #expect(lines[0] == #"type,seq,index,capture_us,arrival_us,latency_ms,ax,n,ok,ch_seq,"a ""b"",c",first_seq,last_seq,count,from_us,to_us"#)
        #expect(lines[1] == "sample,65540,0,1700000000000000,1700000000012345,12.345,0.1,-32768,true,1e-07,2147483647,,,,,")
        #expect(lines[2] == "gap,,,,,,,,,,,65541,65543,3,1700000000000000,1700000000040000")
        #expect(lines[3] == "sample,65544,3,1700000000040000,1700000000039750,-0.250,NaN,7,false,-Infinity,-1,,,,,")
        let header = try #require(TelemetryCSVLine.split(lines[0]))
        for line in lines[1...3] {
            let cells = try #require(TelemetryCSVLine.split(line))
            #expect(cells.count == header.count)
        }
        #expect(Float(try #require(TelemetryCSVLine.split(lines[1]))[6]) == 0.1)
    }

    @Test func csvMatchesLaterSchemasByChannelName() throws {
        let other = try TelemetrySchema(id: 2, channels: [
            TelemetryChannel(name: "ok", type: .bool), TelemetryChannel(name: "new", type: .int16),
        ])
        let record = TelemetryRecord.sample(TelemetrySampleRecord(
            sequenceNumber: 1, index: 0, schema: other,
            sample: TelemetrySample(captureMicroseconds: 0, values: [.bool(true), .int16(1)]), arrivalMicroseconds: 1000))
        #expect(TelemetryCSVSink.row(for: record, channelNames: ["ax", "ok"]) == "sample,1,0,0,1000,1.000,,true,,,,,")
    }

    @Test func sinksWriteFilesAndLatencyFormattingIsExact() throws {
        #expect(TelemetryNumberFormatting.milliseconds(fromMicroseconds: 0) == "0.000")
        #expect(TelemetryNumberFormatting.milliseconds(fromMicroseconds: 5) == "0.005")
        #expect(TelemetryNumberFormatting.milliseconds(fromMicroseconds: -1_234_567) == "-1234.567")
        #expect(JSONLine.quoted("a\u{01}\t") == #""a\u0001\t""#)

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("telemetry-\(UInt64.random(in: 0...UInt64.max)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var sink = try TelemetryJSONLSink(path: path)
        for record in records { try sink.write(record) }
        try sink.flush()
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.split(separator: "\n").count == 3)
        #expect(written.hasPrefix("{\"type\":\"sample\""))
        #expect(throws: TelemetryOutputError.self) { try TelemetryCSVSink(path: "/nonexistent-dir/x.csv") }
    }

    @Test func endToEndFromSourceThroughWireToSink() throws {
        var source = CounterSource(schemaID: 5, startMicroseconds: 10_000_000, rate: try TelemetryRate(parsing: "1khz"), sampleLimit: 40)
        var packetizer = TelemetryPacketizer(schema: source.schema, configuration: .init(schemaRepeatFrames: 3))
        var receiver = TelemetryDepacketizer()
        var sink = TelemetryJSONLSink(output: .inMemory())
        var sequence: UInt16 = 65_530
        var frame = 0
        while let samples = source.next(count: 4) {
            let outgoing = try packetizer.makeFrame(samples: samples, now: .milliseconds(4 * frame))
            if frame != 2 {  // drop one datagram
                let arrival = samples[0].captureMicroseconds + 2_000
                for record in receiver.receive(payload: outgoing.payload, sequenceNumber: sequence, arrivalMicroseconds: arrival) {
                    try sink.write(record)
                }
            }
            sequence &+= 1
            frame += 1
        }
        try sink.flush()
        let objects = try sink.output.text.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let samples = objects.filter { $0["type"] as? String == "sample" }
        let gaps = objects.filter { $0["type"] as? String == "gap" }
        #expect(samples.count == 36)
        #expect(gaps.count == 1)
        #expect((gaps.first?["first_seq"] as? NSNumber)?.intValue == 65_532)
        #expect((gaps.first?["from_us"] as? NSNumber)?.int64Value == 10_007_000)
        #expect((gaps.first?["to_us"] as? NSNumber)?.int64Value == 10_012_000)
        let counters = samples.compactMap { (($0["values"] as? [String: Any])?["counter"] as? NSNumber)?.intValue }
        #expect(counters == Array(0..<8) + Array(12..<40))
    }
}
