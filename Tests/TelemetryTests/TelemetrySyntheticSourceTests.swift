import Testing

#if canImport(TelemetryCodec)
@testable import TelemetryCodec
#else
@testable import Telemetry
#endif

@Suite struct TelemetryRateTests {
    @Test func parsesHertzAndKilohertzExactly() throws {
        #expect(try TelemetryRate(parsing: "100hz").millihertz == 100_000)
        #expect(try TelemetryRate(parsing: "1khz").millihertz == 1_000_000)
        #expect(try TelemetryRate(parsing: "0.5hz").millihertz == 500)
        #expect(try TelemetryRate(parsing: " 100 Hz ").millihertz == 100_000)
        #expect(try TelemetryRate(parsing: "1.5kHz").millihertz == 1_500_000)
        #expect(try TelemetryRate(parsing: "250").millihertz == 250_000)
        #expect(try TelemetryRate(parsing: ".25hz").millihertz == 250)
        #expect(try TelemetryRate(parsing: "0.001hz").millihertz == 1)
        #expect(try TelemetryRate(parsing: "100khz").millihertz == TelemetryRate.maxMillihertz)
        #expect(try TelemetryRate(parsing: "0.5hz").description == "0.5hz")
        #expect(try TelemetryRate(parsing: "1khz").description == "1000hz")
        #expect(try TelemetryRate(parsing: "0.25hz").hertz == 0.25)
    }

    @Test func rejectsBadRatesWithClearErrors() {
        #expect(throws: TelemetryRateError.empty) { try TelemetryRate(parsing: "  ") }
        #expect(throws: TelemetryRateError.notANumber("fast")) { try TelemetryRate(parsing: "fast") }
        #expect(throws: TelemetryRateError.notANumber("-5hz")) { try TelemetryRate(parsing: "-5hz") }
        #expect(throws: TelemetryRateError.notANumber("1.2.3hz")) { try TelemetryRate(parsing: "1.2.3hz") }
        #expect(throws: TelemetryRateError.unknownUnit("mhz")) { try TelemetryRate(parsing: "100mhz") }
        #expect(throws: TelemetryRateError.unknownUnit("hertz")) { try TelemetryRate(parsing: "100 hertz") }
        #expect(throws: TelemetryRateError.outOfRange("0hz")) { try TelemetryRate(parsing: "0hz") }
        #expect(throws: TelemetryRateError.outOfRange("200khz")) { try TelemetryRate(parsing: "200khz") }
        #expect(throws: TelemetryRateError.tooPrecise("0.0001hz")) { try TelemetryRate(parsing: "0.0001hz") }
        #expect("\(TelemetryRateError.unknownUnit("mhz"))" == "unknown rate unit 'mhz'; use hz or khz")
    }

    @Test func sampleOffsetsAreExactAndDoNotDrift() throws {
        let three = try TelemetryRate(parsing: "3hz")
        #expect(three.offsetMicroseconds(sampleIndex: 1) == 333_333)
        #expect(three.offsetMicroseconds(sampleIndex: 2) == 666_666)
        #expect(three.offsetMicroseconds(sampleIndex: 3) == 1_000_000)
        #expect(three.offsetMicroseconds(sampleIndex: 3_000_000_000) == 1_000_000_000_000_000)
        let slowest = try TelemetryRate(millihertz: 1)
        #expect(slowest.offsetMicroseconds(sampleIndex: .max) == .max)  // saturates
    }
}

@Suite struct TelemetrySyntheticSourceTests {
    private let start: Int64 = 1_700_000_000_000_000

    @Test func imuIsDeterministicPerSeedAndLooksLikeAnIMUAtRest() throws {
        let rate = try TelemetryRate(parsing: "100hz")
        var a = IMUSource(startMicroseconds: start, rate: rate, seed: 42)
        var b = IMUSource(startMicroseconds: start, rate: rate, seed: 42)
        var c = IMUSource(startMicroseconds: start, rate: rate, seed: 43)
        let samplesABatch = a.next(count: 1000)

        let samplesA = try #require(samplesABatch)
        // Chunking must not change the stream.
        var chunked: [TelemetrySample] = []
        while chunked.count < 1000, let chunk = b.next(count: 7) { chunked += chunk }
        #expect(samplesA == Array(chunked.prefix(1000)))
        #expect(samplesA != c.next(count: 1000))
        #expect(a.schema.channels.map(\.name) == ["ax", "ay", "az", "gx", "gy", "gz"])
        #expect(a.schema.channels.allSatisfy { $0.type == .float32 })
        #expect(samplesA.allSatisfy { $0.matches(a.schema) })
        let expectedTimes: [Int64] = (0..<1000).map { (index: Int) -> Int64 in start + Int64(index) * 10_000 }
        #expect(samplesA.map(\.captureMicroseconds) == expectedTimes)

        func column(_ index: Int) -> [Double] { samplesA.map { $0.values[index].doubleValue } }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        func deviation(_ values: [Double]) -> Double {
            let m = mean(values)
            return (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count)).squareRoot()
        }
        #expect(abs(mean(column(2)) - 9.80665) < 0.02)
        for axis in [0, 1, 3, 4, 5] { #expect(abs(mean(column(axis))) < 0.02, "axis \(axis)") }
        #expect((0.015...0.03).contains(deviation(column(0))))
        #expect((0.0015...0.004).contains(deviation(column(3))))
    }

    @Test func imuDriftIsARandomWalkAndZeroModelIsExact() throws {
        let rate = try TelemetryRate(parsing: "10hz")
        var still = IMUSource(startMicroseconds: 0, rate: rate, seed: 1, configuration: .init(
            accelerometerNoiseMetersPerSecondSquared: 0, gyroscopeNoiseRadiansPerSecond: 0,
            accelerometerDriftPerRootSecond: 0, gyroscopeDriftPerRootSecond: 0))
        let exactBatch = still.next(count: 5)

        let exact = try #require(exactBatch)
        #expect(exact.allSatisfy { $0.values == [.float32(0), .float32(0), .float32(9.80665), .float32(0), .float32(0), .float32(0)] })

        var drifting = IMUSource(startMicroseconds: 0, rate: rate, seed: 1, configuration: .init(
            accelerometerNoiseMetersPerSecondSquared: 0, gyroscopeNoiseRadiansPerSecond: 0,
            accelerometerDriftPerRootSecond: 0, gyroscopeDriftPerRootSecond: 0.01))
        let gxBatch = drifting.next(count: 600)

        let gx = try #require(gxBatch).map { $0.values[3].doubleValue }
        #expect(gx[0] == 0)  // no drift before any time has passed
        let steps = zip(gx, gx.dropFirst()).map { abs($1 - $0) }
        // Step σ = 0.01 × √0.1 ≈ 0.0032 rad/s; the walk wanders far more than one step.
        #expect((steps.max() ?? .infinity) < 0.02)
        #expect((gx.map(abs).max() ?? 0) > 0.02)
    }

    @Test func counterCountsWrapsAndStopsAtItsLimit() throws {
        let rate = try TelemetryRate(parsing: "2hz")
        var counter = CounterSource(startMicroseconds: start, rate: rate, startValue: .max - 1, sampleLimit: 5)
        let firstBatch = counter.next(count: 4)

        let first = try #require(firstBatch)
        let expectedCounts: [Int32] = [.max - 1, .max, .min, .min + 1]
        #expect(first.map(\.values) == expectedCounts.map { [TelemetryValue.int32($0)] })
        let expectedTimes: [Int64] = [0, 500_000, 1_000_000, 1_500_000]
        #expect(first.map(\.captureMicroseconds) == expectedTimes.map { start + $0 })
        #expect(counter.next(count: 4)?.count == 1)
        #expect(counter.next(count: 4) == nil)
        #expect(counter.schema.channels == [TelemetryChannel(name: "counter", type: .int32)])
    }

    @Test func sineFollowsTheFormulaFromTheSampleIndex() throws {
        var sine = SineSource(startMicroseconds: 0, rate: try TelemetryRate(parsing: "4hz"), frequencyHz: 1, amplitude: 2)
        let valuesBatch = sine.next(count: 5)

        let values = try #require(valuesBatch).map { $0.values[0].doubleValue }
        let expected = [0.0, 2, 0, -2, 0]
        for (value, want) in zip(values, expected) { #expect(abs(value - want) < 1e-12) }
        var again = SineSource(startMicroseconds: 0, rate: try TelemetryRate(parsing: "4hz"), frequencyHz: 1, amplitude: 2)
        #expect(again.next(count: 5)?.map { $0.values[0] } == values.map { .float64($0) })
        #expect(sine.schema.channels == [TelemetryChannel(name: "value", type: .float64)])
    }
}

@Suite struct TelemetrySourceKindTests {
    @Test func parsesSourceNamesAndPaths() throws {
        #expect(try TelemetrySourceKind(parsing: "IMU") == .imu)
        #expect(try TelemetrySourceKind(parsing: "counter") == .counter)
        #expect(try TelemetrySourceKind(parsing: "sine") == .sine)
        #expect(try TelemetrySourceKind(parsing: "csv", input: "a.csv") == .csv(path: "a.csv"))
        #expect(try TelemetrySourceKind(parsing: "jsonl") == .jsonLines(path: "-"))
        #expect(try TelemetrySourceKind(parsing: "jsonl", input: "x.txt") == .jsonLines(path: "x.txt"))
        #expect(try TelemetrySourceKind(parsing: "-") == .jsonLines(path: "-"))
        #expect(try TelemetrySourceKind(parsing: "Logs/Run.CSV") == .csv(path: "Logs/Run.CSV"))
        #expect(try TelemetrySourceKind(parsing: "run.ndjson") == .jsonLines(path: "run.ndjson"))
        #expect(throws: TelemetrySourceKindError.inputRequired(source: "csv")) { try TelemetrySourceKind(parsing: "csv") }
        #expect(throws: TelemetrySourceKindError.inputNotAccepted(source: "imu")) {
            try TelemetrySourceKind(parsing: "imu", input: "-")
        }
        #expect(throws: TelemetrySourceKindError.unknown("gps")) { try TelemetrySourceKind(parsing: "gps") }
    }

    @Test func makesSourcesWithTheRequestedSchemaID() throws {
        let rate = try TelemetryRate(parsing: "50hz")
        var imu = try TelemetrySourceKind.imu.makeSource(schemaID: 4, startMicroseconds: 0, rate: rate, sampleLimit: 3)
        #expect(imu.schema.id == 4)
        #expect(try imu.next(count: 10)?.count == 3)
        #expect(throws: TelemetryInputError.self) {
            try TelemetrySourceKind.csv(path: "/nonexistent/x.csv").makeSource(startMicroseconds: 0, rate: rate)
        }
    }

    @Test func maxSamplesFitsThePayloadBudget() throws {
        let schema = IMUSource(startMicroseconds: 0, rate: try TelemetryRate(parsing: "1hz"), seed: 0).schema
        let fit = TelemetryPayloadCodec.maxSamples(schema: schema, payloadBytes: 1200)
        #expect(TelemetryPayloadCodec.encodedByteCount(schema: schema, sampleCount: fit, schemaInline: true) <= 1200)
        #expect(TelemetryPayloadCodec.encodedByteCount(schema: schema, sampleCount: fit + 1, schemaInline: true) > 1200)
        #expect(TelemetryPayloadCodec.maxSamples(schema: schema, payloadBytes: 10) == 0)
    }
}
