import Testing

#if canImport(TelemetryCodec)
@testable import TelemetryCodec
#else
@testable import Telemetry
#endif

@Suite struct TelemetryPacketizerTests {
    private func sample(_ micros: Int64, _ n: Int16 = 0) -> TelemetrySample {
        TelemetrySample(captureMicroseconds: micros, values: [.float32(0), .int16(n), .bool(true)])
    }

    @Test func schemaIsInlineFirstThenEveryNFrames() throws {
        var packetizer = TelemetryPacketizer(
            schema: TelemetryFixtures.schema,
            configuration: .init(schemaRepeatFrames: 3, schemaRepeatInterval: nil, startupAnnouncementInterval: nil))
        var inline: [Bool] = []
        for frame in 0..<8 {
            inline.append(try packetizer.makeFrame(samples: [sample(Int64(frame) * 10_000)], now: .milliseconds(frame * 10)).schemaInline)
        }
        #expect(inline == [true, false, false, true, false, false, true, false])
        packetizer.announceNextFrame()
        #expect(try packetizer.makeFrame(samples: [sample(0)], now: .seconds(1)).schemaInline)
        #expect(try !packetizer.makeFrame(samples: [sample(0)], now: .seconds(1)).schemaInline)
    }

    /// Every frame of the first second carries the schema (by default), so a receiver that
    /// misses the first frames to reordering or A.1 probation still decodes the next one;
    /// then only the repeat rules apply.
    @Test func everyFrameOfTheFirstSecondCarriesTheSchema() throws {
        var packetizer = TelemetryPacketizer(schema: TelemetryFixtures.schema, configuration: .init(schemaRepeatFrames: 50))
        var inline: [Bool] = []
        for frame in 0..<150 {
            inline.append(try packetizer.makeFrame(samples: [sample(Int64(frame) * 10_000)], now: .milliseconds(frame * 10)).schemaInline)
        }
        #expect(inline[0..<100].allSatisfy { $0 })
        #expect(inline[100..<150].filter { $0 }.count == 1, "after the first second, once per 50 frames or 1 s")
    }

    @Test func schemaIsInlineAgainAfterTheInterval() throws {
        var packetizer = TelemetryPacketizer(
            schema: TelemetryFixtures.schema,
            configuration: .init(schemaRepeatFrames: nil, schemaRepeatInterval: .seconds(1), startupAnnouncementInterval: nil))
        let times: [Duration] = [.zero, .milliseconds(600), .milliseconds(999), .milliseconds(1000),
                                 .milliseconds(1500), .milliseconds(2100)]
        var inline: [Bool] = []
        for now in times { inline.append(try packetizer.makeFrame(samples: [], now: now).schemaInline) }
        #expect(inline == [true, false, false, true, false, true])
        packetizer.replaceSchema(TelemetryFixtures.schema.withID(8))
        let frame = try packetizer.makeFrame(samples: [sample(0)], now: .milliseconds(2200))
        #expect(frame.schemaInline)
        #expect(frame.payload[2...3] == [0x00, 0x08])
    }

    @Test func rtpTimestampFollowsCaptureTimeInTheConfiguredClock() throws {
        var packetizer = TelemetryPacketizer(
            schema: TelemetryFixtures.schema, configuration: .init(clockRateHz: 90_000), initialTimestamp: 1000)
        let first = try packetizer.makeFrame(samples: [sample(1_000_000), sample(1_005_000)], now: .zero)
        #expect(first.rtpTimestamp == 1000)
        #expect(first.sampleCount == 2)
        #expect(try packetizer.makeFrame(samples: [sample(1_010_000)], now: .zero).rtpTimestamp == 1900)  // 10 ms × 90 kHz
        // One hour later: 3600 s × 90 000 = 324 000 000 ticks.
        #expect(packetizer.rtpTimestamp(captureMicroseconds: 3_601_000_000) == 324_001_000)
        // Wraps modulo 2^32 instead of trapping: 2^32 / 90 000 ≈ 47 721.86 s.
        #expect(packetizer.rtpTimestamp(captureMicroseconds: 1_000_000 + 47_722_000_000)
            == UInt32(truncatingIfNeeded: 1000 + Int64(47_722) * 90_000))
        let audioClock = TelemetryPacketizer(
            schema: TelemetryFixtures.schema, configuration: .init(clockRateHz: 48_000), originMicroseconds: 0)
        #expect(audioClock.rtpTimestamp(captureMicroseconds: 20_000) == 960)
        #expect(audioClock.rtpTimestamp(captureMicroseconds: -20_000) == UInt32(bitPattern: -960))
        // An announcement-only frame keeps the previous timestamp.
        #expect(try packetizer.makeFrame(samples: [], now: .zero).rtpTimestamp == 1900)
    }

    @Test func depacketizerReportsGapsLateDuplicatesAndDropsByReason() throws {
        var packetizer = TelemetryPacketizer(
            schema: TelemetryFixtures.schema, configuration: .init(schemaRepeatFrames: 100, schemaRepeatInterval: nil, startupAnnouncementInterval: nil))
        func payload(_ micros: Int64) throws -> [UInt8] {
            try packetizer.makeFrame(samples: [sample(micros), sample(micros + 5_000)], now: .zero).payload
        }
        var receiver = TelemetryDepacketizer()
        let p0 = try payload(0), p1 = try payload(10_000)
        _ = try payload(20_000)
        _ = try payload(30_000)
        let p4 = try payload(40_000)
        let p5 = try payload(50_000)
        let p7 = try payload(70_000)

        let first = receiver.receive(payload: p0, sequenceNumber: 65_534, arrivalMicroseconds: 3_000)
        #expect(first.count == 2)
        guard case .sample(let record) = first[1] else { Issue.record("expected a sample"); return }
        #expect(record.sequenceNumber == 65_534 && record.index == 1 && record.latencyMicroseconds == -2_000)
        #expect(receiver.receive(payload: p1, sequenceNumber: 65_535, arrivalMicroseconds: 16_000).count == 2)
        // Sequence wraps 65535 → 0; 0 and 1 (20 ms and 30 ms frames) are lost.
        let afterGap = receiver.receive(payload: p4, sequenceNumber: 2, arrivalMicroseconds: 41_000)
        #expect(afterGap.first == .gap(TelemetryGap(
            firstSequenceNumber: 65_536, lastSequenceNumber: 65_537, fromMicroseconds: 15_000, toMicroseconds: 40_000)))
        #expect(afterGap.count == 3)
        guard case .sample(let wrapped) = afterGap[1] else { Issue.record("expected a sample"); return }
        #expect(wrapped.sequenceNumber == 65_538)
        // Freshness first: a reordered packet is dropped, not played late.
        #expect(receiver.receive(payload: p1, sequenceNumber: 1, arrivalMicroseconds: 42_000).isEmpty)
        #expect(receiver.receive(payload: p4, sequenceNumber: 2, arrivalMicroseconds: 43_000).isEmpty)
        // An undecodable datagram is counted and becomes part of the next gap.
        #expect(receiver.receive(payload: p5.replacing(at: 0, with: 0xD7), sequenceNumber: 3, arrivalMicroseconds: 51_000).isEmpty)
        #expect(receiver.receive(payload: Array(p5.prefix(9)), sequenceNumber: 4, arrivalMicroseconds: 52_000).isEmpty)
        let later = receiver.receive(payload: p7, sequenceNumber: 6, arrivalMicroseconds: 71_000)
        #expect(later.first == .gap(TelemetryGap(
            firstSequenceNumber: 65_539, lastSequenceNumber: 65_541, fromMicroseconds: 45_000, toMicroseconds: 70_000)))
        #expect(receiver.droppedByReason == ["late": 1, "duplicate": 1, "bad_version": 1, "sample_count_overrun": 1])
        #expect(receiver.droppedTotal == 4)
        #expect(receiver.packetsMissing == 5)
        #expect(receiver.framesAccepted == 4 && receiver.samplesAccepted == 8)
    }

    @Test func lateJoinerDecodesFromTheNextAnnouncement() throws {
        var packetizer = TelemetryPacketizer(
            schema: TelemetryFixtures.schema, configuration: .init(schemaRepeatFrames: 4, schemaRepeatInterval: nil, startupAnnouncementInterval: nil))
        var payloads: [[UInt8]] = []
        for index in 0..<9 { payloads.append(try packetizer.makeFrame(samples: [sample(Int64(index) * 1000)], now: .zero).payload) }
        var receiver = TelemetryDepacketizer()
        var emitted: [Int] = []
        // Joins at frame 1: frames 1-3 refer to a schema it has not seen.
        for index in 1..<9 {
            let records = receiver.receive(payload: payloads[index], sequenceNumber: UInt16(index), arrivalMicroseconds: 0)
            if !records.isEmpty { emitted.append(index) }
            #expect(!records.contains { if case .gap = $0 { true } else { false } })
        }
        #expect(emitted == [4, 5, 6, 7, 8])
        #expect(receiver.droppedByReason == ["unknown_schema": 3])
    }

    @Test func sequenceTrackerTreatsHugeJumpsAsRestarts() {
        var tracker = TelemetrySequenceTracker()
        #expect(tracker.accept(100) == .inOrder(extended: 100))
        #expect(tracker.accept(20_000) == .restarted(extended: 20_000))
        #expect(tracker.accept(20_001) == .inOrder(extended: 20_001))
        #expect(tracker.accept(19_000) == .restarted(extended: 19_000))
        #expect(tracker.accept(19_003) == .afterGap(extended: 19_003, missing: 19_001...19_002))
        #expect(tracker.accept(19_001) == .late)
        #expect(tracker.accept(19_001) == .duplicate)
        #expect(tracker.accept(19_003) == .duplicate)
    }
}
