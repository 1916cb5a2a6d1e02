import Testing

@testable import Analysis

/// The bounded timeline: memory stays at `capacity` points, nothing is lost in the merges.
@Suite struct ChartTimelineTests {
    @Test func pointsStayBoundedAndKeepExtremes() {
        var timeline = StreamTimeline(capacity: 100)
        for index in 0..<100_000 {
            // A 500 ms spike at packet 54 321, jitter rising slowly.
            let transit = index == 54_321 ? 500.0 : Double(index % 7)
            timeline.record(
                arrivalNanoseconds: Int64(index) * 20_000_000, transitMilliseconds: transit,
                jitterMilliseconds: Double(index) / 10_000)
        }
        #expect(timeline.points.count <= 100)
        #expect(timeline.points.count >= 50)
        #expect(timeline.points.reduce(0) { $0 + $1.packets } == 100_000)
        #expect(timeline.points.map(\.transitMaximumMilliseconds).max() == 500)
        #expect(timeline.points.map(\.transitMinimumMilliseconds).min() == 0)
        #expect(timeline.points.first?.startNanoseconds == 0)
        #expect(timeline.points.last?.endNanoseconds == Int64(99_999) * 20_000_000)
        // In time order, not overlapping.
        for (earlier, later) in zip(timeline.points, timeline.points.dropFirst()) {
            #expect(earlier.endNanoseconds < later.startNanoseconds)
        }
    }

    @Test func lossMarksStayBoundedAndKeepTheCount() {
        var timeline = StreamTimeline(capacity: 10)
        for index in 0..<1_000 { timeline.recordLoss(arrivalNanoseconds: Int64(index) * 1_000_000, packets: 1 + index % 3) }
        timeline.recordLoss(arrivalNanoseconds: 0, packets: 0)
        #expect(timeline.losses.count <= 10)
        let expected = (0..<1_000).reduce(0) { $0 + 1 + $1 % 3 }
        #expect(timeline.losses.reduce(0) { $0 + $1.packets } == expected)
        #expect(timeline.lostPackets == expected)
        #expect(timeline.losses.reduce(0) { $0 + $1.runs } == 1_000)
    }
}
