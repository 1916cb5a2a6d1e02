import Capture
import RTP
import Testing
@testable import Analysis

/// Jitter, delta, skew, drift, DTX gaps and one-way delay on hand-made arrivals.
@Suite struct StreamAnalyzerTimingTests {
    /// 8 kHz, 20 ms packets (160 timestamp units) arriving at these ms.
    static func stream(arrivals: [Double], steps: [UInt32]? = nil) -> [CapturedPacket] {
        var timestamp: UInt32 = 1_000
        return arrivals.enumerated().map { index, arrival in
            if index > 0 { timestamp += steps?[index - 1] ?? 160 }
            return SyntheticPackets.rtp(sequence: UInt16(100 + index), timestamp: timestamp, arrivalMilliseconds: arrival)
        }
    }

    @Test func rfc3550A8JitterWrittenOut() throws {
        // Transit differences D (ms) of packets 2…6: 0, +5, −5, 0, +10; J += (|D| − J) / 16:
        // J2 = 0
        // J3 = 0 + (5 − 0) / 16                    = 0.3125
        // J4 = 0.3125 + (5 − 0.3125) / 16          = 0.60546875
        // J5 = 0.60546875 + (0 − 0.60546875) / 16  = 0.567626953125
        // J6 = 0.567626953125 + (10 − 0.567626953125) / 16 = 1.1571502685546875
        let stream = try #require(try AnalyzerRun.onlyStream(Self.stream(arrivals: [0, 20, 45, 60, 80, 110])))
        let jitter = try #require(stream.jitterMilliseconds.value)
        #expect(abs(jitter - 1.157_150_268_554_687_5) < 1e-9)
        #expect(abs((stream.maximumJitterMilliseconds.value ?? 0) - 1.157_150_268_554_687_5) < 1e-9)
        // Largest arrival gap: 80 → 110 ms.
        #expect(abs(stream.maximumDeltaMilliseconds - 30) < 1e-9)
        // Skew (media − arrival since the first packet): 0, 0, −5, 0, 0, −10 ms: largest −10.
        #expect(abs((stream.skewMilliseconds.value ?? 0) + 10) < 1e-9)
    }

    @Test func driftOfAFastSenderClock() throws {
        // Timestamps run 100 ppm fast: 160 units per 19.998 ms of arrival.
        let arrivals = (0..<500).map { Double($0) * 20 / 1.000_1 }
        let stream = try #require(try AnalyzerRun.onlyStream(Self.stream(arrivals: arrivals)))
        let drift = try #require(stream.driftPartsPerMillion.value)
        #expect(abs(drift - 100) < 0.5)
    }

    @Test func dtxGapsAreTimestampJumpsWithoutSequenceGaps() throws {
        // Steps of one packet (160) except two pauses of 10 and 25 packets.
        var steps = [UInt32](repeating: 160, count: 29)
        steps[10] = 1_600
        steps[20] = 4_000
        var arrival = 0.0
        let arrivals = (0..<30).map { index -> Double in
            if index > 0 { arrival += Double(steps[index - 1]) / 8 }
            return arrival
        }
        let stream = try #require(try AnalyzerRun.onlyStream(Self.stream(arrivals: arrivals, steps: steps)))
        #expect(stream.dtxGaps == 2)
        #expect(stream.lost == 0)
        #expect(stream.sequenceErrors == 0)
    }

    @Test func oneWayDelayFromTheSendTimeExtension() throws {
        // Sent every 20 ms, each arriving 5 ms + (index % 3) ms later: delays 5, 6, 7 ms.
        let packets = (0..<30).map { index -> CapturedPacket in
            let sent = Duration.nanoseconds(SyntheticPackets.start) + .milliseconds(20 * index)
            let element = NTPTimestamp(sinceUnixEpoch: sent).ntp64ExtensionElement()
            return SyntheticPackets.rtp(
                sequence: UInt16(index), timestamp: UInt32(index) * 160,
                arrivalMilliseconds: Double(20 * index + 5 + index % 3), extensions: [element])
        }
        let stream = try #require(try AnalyzerRun.onlyStream(packets))
        let delay = try #require(stream.oneWayDelayMilliseconds.value)
        #expect(delay.packets == 30)
        #expect(abs(delay.p50 - 6) < 0.01)
        #expect(abs(delay.max - 7) < 0.01)
    }

    @Test func noExtensionMeansNoOneWayDelay() throws {
        let stream = try #require(try AnalyzerRun.onlyStream(SyntheticPackets.regular(count: 10)))
        #expect(stream.oneWayDelayMilliseconds.value == nil)
        // 10 packets of 12 + 160 bytes over 180 ms: 1720 bytes × 8 / 0.18 s = 76.444 kbit/s.
        #expect(abs(stream.bitrateKilobitsPerSecond - 1_720.0 * 8 / 0.18 / 1_000) < 1e-9)
    }
}
