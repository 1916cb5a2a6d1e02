import Opus
import Media
import Testing

@Suite struct OpusConstantBitrateTests {
    /// Hard CBR: every packet is bitrate × 20 ms / 8 bytes; VBR (the default) varies.
    @Test(arguments: [16_000, 56_000])
    func constantBitrateGivesEqualPackets(bitrate: Int) throws {
        func sizes(constant: Bool) throws -> Set<Int> {
            let encoder = try OpusEncoder(OpusEncoderConfiguration(bitrate: bitrate, constantBitrate: constant))
            var tone = try SweepSource(
                startHz: 100, endHz: 8_000, durationSeconds: 1, format: AudioFormat(sampleRate: 48_000, channels: 1))
            var result: Set<Int> = []
            while let pcm = try tone.read(frames: 960), pcm.count == 960 { result.insert(try encoder.encode(pcm).count) }
            return result
        }
        #expect(try sizes(constant: true) == [bitrate / 8 / 50])
        #expect(try sizes(constant: false).count > 1)
    }
}
