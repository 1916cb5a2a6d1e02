import Testing

@testable import Analysis

/// The adaptive replay's frame duration, from the packets held before it starts.
@Suite struct PlayoutFrameDurationTests {
    static func held(_ steps: [(sequence: Int64, timestamp: Int64)], payload: [UInt8] = [1, 2, 3]) -> [HeldArrival] {
        steps.map {
            HeldArrival(
                sequenceNumber: UInt16(truncatingIfNeeded: $0.sequence), timestamp: UInt32(truncatingIfNeeded: $0.timestamp),
                extendedSequence: $0.sequence, extendedTimestamp: $0.timestamp, arrivalNanoseconds: 0, payload: payload)
        }
    }

    /// G.711 at 8 kHz, 160 ticks per packet, one reordered pair and a gap: 20 ms.
    @Test func fromTimestampSteps() {
        let packets = Self.held([(10, 1_600), (12, 1_920), (11, 1_760), (15, 2_400)])
        #expect(PlayoutSimulation.frameNanoseconds(of: packets, clockRateHertz: 8_000, opusPayloads: false) == 20_000_000)
        // Telemetry at 90 kHz, 900 ticks per record: 10 ms.
        let telemetry = Self.held([(0, 0), (1, 900), (2, 1_800)])
        #expect(PlayoutSimulation.frameNanoseconds(of: telemetry, clockRateHertz: 90_000, opusPayloads: false) == 10_000_000)
        // Steps longer than the buffer allows are clamped to 120 ms; no steps at all give 20 ms.
        let slow = Self.held([(0, 0), (1, 90_000)])
        #expect(PlayoutSimulation.frameNanoseconds(of: slow, clockRateHertz: 90_000, opusPayloads: false) == 120_000_000)
        #expect(PlayoutSimulation.frameNanoseconds(of: Self.held([(0, 0)]), clockRateHertz: 8_000, opusPayloads: false) == 20_000_000)
    }

    /// Opus: the TOC byte decides, whatever the timestamps say (RFC 6716 §3.1, Table 2:
    /// config 1 = SILK NB 20 ms, config 16 = CELT NB 2.5 ms; frame count code 0).
    @Test func fromOpusTOC() {
        let silk20 = Self.held([(0, 0), (1, 4_800)], payload: [(1 << 3), 0xAA, 0xBB])
        #expect(PlayoutSimulation.frameNanoseconds(of: silk20, clockRateHertz: 48_000, opusPayloads: true) == 20_000_000)
        let celt25 = Self.held([(0, 0)], payload: [(16 << 3), 0xAA, 0xBB])
        #expect(PlayoutSimulation.frameNanoseconds(of: celt25, clockRateHertz: 48_000, opusPayloads: true) == 2_500_000)
    }
}
