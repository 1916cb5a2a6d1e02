import JitterbugSupport
@testable import Pipelines
import RTP
import Telemetry
import Testing

/// docs/telemetry-format.md: the marker bit is 1 exactly on frames that carry the schema inline
/// (payload flags bit 0x80), 0 on the others.
@Suite struct TelemetrySenderMarkerTests {
    @Test func markerIsSetExactlyOnSchemaFrames() async throws {
        let rate = try TelemetryRate(parsing: "100hz")
        var source: any TelemetrySource = CounterSource(startMicroseconds: 1_700_000_000_000_000, rate: rate)
        let sender = TelemetrySender(configuration: TelemetrySender.Configuration(rate: rate, duration: .seconds(5)))
        var random = SplitMix64(seed: 3)
        var packets: [RTPPacket] = []
        _ = try await sender.run(source: &source, clock: SteppingClock(), random: &random) { bytes in
            packets.append(try RTPPacket(parsing: bytes))
        }
        #expect(packets.count == 500)
        let schemaFrames = packets.filter { $0.payload.count > 1 && $0.payload[1] & 0x80 != 0 }
        #expect(schemaFrames.first?.header.sequenceNumber == packets.first?.header.sequenceNumber, "the first frame carries the schema")
        for packet in packets {
            #expect(packet.header.marker == (packet.payload[1] & 0x80 != 0), "sequence \(packet.header.sequenceNumber)")
        }
    }
}
