import JitterbugSupport
@testable import Pipelines
import RTP
import Telemetry
import Testing

/// A telemetry frame leaves when its last sample's capture time comes, not one frame time later
/// and not offset by the time between making the source and starting to send (the media helper
/// measured 59 ms of capture→arrival "latency" at 20 Hz on loopback: 50 ms of holding + 9 ms of setup).
@Suite struct TelemetrySenderPacingTests {
    @Test(arguments: [1, 4])
    func framesLeaveWhenTheirLastSampleIsCaptured(samplesPerFrame: Int) async throws {
        let rate = try TelemetryRate(parsing: "20hz")
        let sourceStart: Int64 = 1_700_000_000_000_000
        // The sockets took 9 ms to set up after the source was made.
        let setup: Int64 = 9_000
        var source: any TelemetrySource = CounterSource(startMicroseconds: sourceStart, rate: rate)
        var configuration = TelemetrySender.Configuration(rate: rate, duration: .seconds(2))
        configuration.samplesPerFrame = samplesPerFrame
        let sender = TelemetrySender(configuration: configuration)
        let clock = SteppingClock()
        let start = clock.now
        var random = SplitMix64(seed: 7)
        var sendOffsetsMicroseconds: [Int64] = []
        _ = try await sender.run(
            source: &source, clock: clock, random: &random, wallClock: { .microseconds(sourceStart + setup) }
        ) { _ in
            sendOffsetsMicroseconds.append(start.duration(to: clock.now).wholeMicroseconds)
        }
        let periodMicroseconds: Int64 = 50_000
        #expect(sendOffsetsMicroseconds.count == 40 / samplesPerFrame)
        for (frame, offset) in sendOffsetsMicroseconds.enumerated() {
            let lastSample = Int64(frame * samplesPerFrame + samplesPerFrame - 1)
            let captured = sourceStart + lastSample * periodMicroseconds
            let sentAt = sourceStart + setup + offset
            // Sent at its last sample's capture time; only a sample captured before sending could
            // start (the first, during setup) goes out late, at once.
            #expect(sentAt - captured == max(0, sourceStart + setup - captured), "frame \(frame)")
        }
    }
}
