import Testing
@testable import Opus

/// Discontinuous transmission (RFC 7587 §3.1.3) with real libopus.
@Suite struct OpusDTXTests {
    /// libopus 1.3.1 measured: 10 normal packets, then 1-byte DTX packets with a full update
    /// every ~21 frames (420 ms) — e.g. 8 bytes at 16 kHz voip, 35 at 48 kHz, 3 in audio mode.
    @Test(arguments: [(16_000, OpusApplication.voip), (48_000, .voip), (48_000, .audio)])
    func silenceBecomesTinyPacketsWithPeriodicUpdates(sampleRate: Int, application: OpusApplication) throws {
        let config = OpusEncoderConfiguration(sampleRate: sampleRate, application: application, dtx: true)
        let encoder = try OpusEncoder(config)
        let decoder = try OpusDecoder(sampleRate: sampleRate, channels: 1)
        let silence = [Int16](repeating: 0, count: config.frameSamples)
        var dtxFrames = 0, updatesAfterOnset = 0
        for frame in 0..<100 {
            let packet = try encoder.encode(silence)
            // Every packet, DTX or not, still decodes to a full frame (comfort noise / silence).
            #expect(try decoder.decode(packet).count == config.frameSamples)
            guard frame >= 20 else { continue }
            if encoder.isDTXFrame(packet) {
                dtxFrames += 1
                #expect(packet.count <= OpusEncoder.dtxPacketMaxBytes)
                #expect(try encoder.isInDTX())
            } else {
                updatesAfterOnset += 1
            }
        }
        #expect(dtxFrames >= 70, "\(dtxFrames) of 80 frames were DTX")
        #expect(updatesAfterOnset >= 2, "expected periodic updates, got \(updatesAfterOnset)")
    }

    @Test func speechIsNeverFlaggedAndDTXOffNeverFlags() throws {
        let speechConfig = OpusEncoderConfiguration(sampleRate: 16_000, dtx: true)
        let encoder = try OpusEncoder(speechConfig)
        let speech = SignalFixtures.voiceLike(sampleRate: 16_000, seconds: 0.4)
        for start in stride(from: 0, to: speech.count, by: 320) {
            let packet = try encoder.encode(Array(speech[start..<(start + 320)]))
            #expect(!encoder.isDTXFrame(packet))
        }
        let noDTX = try OpusEncoder(OpusEncoderConfiguration(sampleRate: 16_000, dtx: false))
        for _ in 0..<40 {
            let packet = try noDTX.encode([Int16](repeating: 0, count: 320))
            #expect(!noDTX.isDTXFrame(packet))
        }
        #expect(try !noDTX.isInDTX())
    }
}
