import Testing
@testable import Opus

@Suite struct OpusLifecycleTests {
    /// Exercises create/use/deinit 1000 times: a double free would crash, a missing free would show
    /// under a leak checker (run with `-Xswiftc -sanitize=address` to verify).
    @Test func manyEncodersAndDecodersAreCreatedAndFreed() throws {
        let config = OpusEncoderConfiguration(sampleRate: 16_000, frameDuration: .ms10)
        let frame = [Int16](repeating: 100, count: config.frameSamples)
        var totalSamples = 0
        for _ in 0..<1_000 {
            let encoder = try OpusEncoder(config)
            let decoder = try OpusDecoder(sampleRate: 16_000, channels: 1)
            totalSamples += try decoder.decode(encoder.encode(frame)).count
        }
        #expect(totalSamples == 1_000 * 160)
        // Rejected configurations throw before anything is allocated.
        for _ in 0..<100 {
            #expect(throws: OpusConfigurationError.self) { try OpusEncoder(OpusEncoderConfiguration(bitrate: 1)) }
        }
    }
}
