import Testing
import Telemetry

/// `isTelemetryFrame` tells telemetry from Opus by the bytes, whatever the payload type says.
@Suite struct TelemetryFrameRecognitionTests {
    @Test func documentedFramesAreTelemetry() throws {
        #expect(TelemetryPayloadCodec.isTelemetryFrame(TelemetryFixtures.inlineBytes))
        #expect(TelemetryPayloadCodec.isTelemetryFrame(TelemetryFixtures.referenceBytes))
        // An announcement-only (or keep-alive) frame: header, no samples.
        #expect(TelemetryPayloadCodec.isTelemetryFrame([0xD1, 0x00, 0x00, 0x07, 0x00, 0x00]))
    }

    @Test func opusPacketsAreNot() {
        // CELT fullband 20 ms (TOC 0xFC), SILK wideband (0x48), hybrid (0x78): other first bytes.
        for toc: UInt8 in [0xFC, 0x48, 0x78, 0xF8] {
            #expect(!TelemetryPayloadCodec.isTelemetryFrame([toc] + [UInt8](repeating: 0x5A, count: 80)))
        }
    }

    /// 0xD1 is also a valid Opus TOC (config 26, code 1): the rest must hold up as telemetry.
    @Test func opusWithTelemetrysFirstByteIsNot() {
        // Reserved flag bits set (range-coded Opus data has them set 63 times in 64).
        #expect(!TelemetryPayloadCodec.isTelemetryFrame([0xD1, 0x23, 0x00, 0x07, 0x00, 0x02] + [UInt8](repeating: 1, count: 30)))
        // The schema flag set, but no valid schema follows (type code 9).
        #expect(!TelemetryPayloadCodec.isTelemetryFrame([0xD1, 0x80, 0x00, 0x07, 0x00, 0x01, 0x01, 0x09, 0x01, 0x74] + [UInt8](repeating: 0, count: 12)))
        // A referenced frame whose length N samples cannot fill: 2 samples need 8 + 4 time
        // bytes and the same number of value bytes each; 6 + 12 + 3 leaves an odd 3.
        #expect(!TelemetryPayloadCodec.isTelemetryFrame([0xD1, 0x00, 0x00, 0x07, 0x00, 0x02] + [UInt8](repeating: 0, count: 15)))
        // Shorter than the header.
        #expect(!TelemetryPayloadCodec.isTelemetryFrame([0xD1, 0x00, 0x00]))
    }
}
