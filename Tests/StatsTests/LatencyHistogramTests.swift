import Foundation
import Testing
@testable import Stats

private func isClose(_ value: Double, _ expected: Double, relative: Double = 0.001) -> Bool {
    abs(value - expected) <= abs(expected) * relative
}

@Suite("Latency histogram, PDV and interval counters")
struct LatencyHistogramTests {
    @Test("Percentiles of a uniform 1...1000 ms set (3 significant digits)")
    func uniformPercentiles() {
        var histogram = LatencyHistogram()
        for milliseconds in 1...1000 { histogram.record(.milliseconds(milliseconds)) }
        #expect(histogram.count == 1000)
        #expect(isClose(histogram.minimumMilliseconds, 1))
        #expect(isClose(histogram.maximumMilliseconds, 1000))
        #expect(isClose(histogram.meanMilliseconds, 500.5))
        let summary = histogram.summary
        #expect(isClose(summary.p50Milliseconds, 500))
        #expect(isClose(summary.p90Milliseconds, 900))
        #expect(isClose(summary.p95Milliseconds, 950))
        #expect(isClose(summary.p99Milliseconds, 990))
        #expect(isClose(summary.p999Milliseconds, 999))
    }

    @Test("Negative values clamp to 0 and are counted; > 60 s clamps to 60 s and is counted")
    func clamping() {
        var histogram = LatencyHistogram()
        histogram.record(.milliseconds(-5))
        histogram.record(.seconds(120))
        #expect(histogram.negativeCount == 1)
        #expect(histogram.overflowCount == 1)
        #expect(histogram.count == 2)
        #expect(histogram.minimumMilliseconds == 0)
        #expect(isClose(histogram.maximumMilliseconds, 60_000))
    }

    @Test("Empty histogram reports zeros")
    func empty() {
        let histogram = LatencyHistogram()
        #expect(histogram.summary.count == 0)
        #expect(histogram.percentileMilliseconds(99) == 0)
        #expect(histogram.meanMilliseconds == 0)
    }

    @Test("Summary round-trips through JSON")
    func summaryJSON() throws {
        var histogram = LatencyHistogram()
        for milliseconds in [3, 5, 8, 13] { histogram.record(.milliseconds(milliseconds)) }
        let data = try JSONEncoder().encode(histogram.summary)
        let decoded = try JSONDecoder().decode(LatencyHistogram.Summary.self, from: data)
        #expect(decoded == histogram.summary)
        #expect(String(decoding: data, as: UTF8.self).contains("p99Milliseconds"))
    }

    @Test("PDV is relative to the minimum delay, re-based when a lower one arrives")
    func delayVariation() throws {
        var pdv = DelayVariation()
        // Clock offset of 1000 s between sender and receiver cancels out.
        let offset = Duration.seconds(1000)
        for delay in [50, 55, 40, 60] {
            pdv.record(sendTime: .zero, arrival: offset + .milliseconds(delay))
        }
        // Relative to 40 ms: 10, 15, 0, 20.
        #expect(pdv.minimumDelay == offset + .milliseconds(40))
        #expect(pdv.rebaseCount == 1)
        // A delay that keeps falling re-bases a few times, not per packet.
        var falling = DelayVariation()
        for step in 0..<1_000 { falling.record(oneWayDelay: .milliseconds(500) - .microseconds(100 * step)) }
        #expect(falling.rebaseCount <= 12, "\(falling.rebaseCount) re-bases")
        #expect(falling.summary.maximumMilliseconds > 99 && falling.summary.maximumMilliseconds < 100.2)
        #expect(falling.summary.minimumMilliseconds < 0.2)
        let summary = pdv.summary
        #expect(summary.count == 4)
        #expect(summary.minimumMilliseconds == 0)
        // Samples are kept against a reference below the minimum (re-base slack: 20 ms here),
        // so the 0.1 % precision applies to the value plus that slack.
        #expect(abs(summary.maximumMilliseconds - 20) <= 0.001 * 40 + 0.002)
        #expect(abs(summary.meanMilliseconds - 11.25) <= 0.001 * 40 + 0.002)
    }

    @Test("Interval counter: kbit/s and loss % per interval; restart is not negative")
    func intervals() {
        var counter = IntervalCounter(start: .zero)
        let first = counter.closeInterval(
            at: .seconds(1), totals: .init(packets: 50, payloadBytes: 8000, expected: 52, lost: 2)
        )
        #expect(first.payloadKilobitsPerSecond == 64) // 8000·8/1000/1 s
        #expect(first.packetsPerSecond == 50)
        #expect(abs(first.lossPercent - 200.0 / 52) < 1e-12)

        let second = counter.closeInterval(
            at: .milliseconds(1500), totals: .init(packets: 75, payloadBytes: 12000, expected: 77, lost: 2)
        )
        #expect(second.durationSeconds == 0.5)
        #expect(second.packets == 25)
        #expect(second.payloadKilobitsPerSecond == 64) // 4000·8/1000/0.5 s
        #expect(second.lossPercent == 0)

        // Sender restarted: expected went backwards → this interval counts from zero.
        let third = counter.closeInterval(
            at: .milliseconds(2500), totals: .init(packets: 80, payloadBytes: 12800, expected: 3, lost: 1)
        )
        #expect(third.expected == 3)
        #expect(third.lost == 1)
    }

    @Test("Reception statistics feed the interval counter")
    func receptionTotals() {
        var stats = RTPReceptionStatistics(clockRateHertz: 48_000)
        for sequence: UInt16 in [0, 1, 2, 4, 5] {
            stats.record(
                sequenceNumber: sequence, rtpTimestamp: UInt32(sequence) * 960,
                arrival: .milliseconds(Int64(sequence) * 20), payloadBytes: 80
            )
        }
        let totals = stats.intervalTotals
        // 0 was held on probation and counts: unique 0, 1, 2, 4, 5; expected 0...5.
        #expect(totals == .init(packets: 5, payloadBytes: 400, expected: 6, lost: 1))
    }
}
