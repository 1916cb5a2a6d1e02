import Probe
import Reports
import Testing

/// Finished inbound streams are found once each, after BYE or when they stop moving.
@Suite struct ProbeStreamTrackerTests {
    static func stream(_ name: String, packets: Int64, goodbye: Bool = false) -> ReceiverSummary {
        var s = ReceiverSummary()
        s.stream = name
        s.packets = packets
        s.senderSaidGoodbye = goodbye
        return s
    }

    static func summary(_ streams: [ReceiverSummary]) -> ReceiverSummary {
        var s = streams.first ?? ReceiverSummary()
        s.streamCount = streams.count
        if streams.count > 1 { s.streams = streams }
        return s
    }

    @Test func aStreamIsReportedOnceAfterItsGoodbye() {
        var tracker = ProbeStreamTracker(idleAfter: .seconds(3), goodbyeGrace: .seconds(1))
        let a = "192.0.2.7:40000 ssrc 0x1"
        #expect(tracker.finished(in: Self.summary([Self.stream(a, packets: 10)]), now: .seconds(1)).isEmpty)
        #expect(tracker.finished(in: Self.summary([Self.stream(a, packets: 50, goodbye: true)]), now: .seconds(2)).isEmpty)
        let done = tracker.finished(in: Self.summary([Self.stream(a, packets: 50, goodbye: true)]), now: .seconds(3))
        #expect(done.map(\.stream) == [a])
        #expect(tracker.finished(in: Self.summary([Self.stream(a, packets: 50, goodbye: true)]), now: .seconds(4)).isEmpty)
    }

    /// A sender that vanished (killed, no BYE) is reported when its count stops moving.
    @Test func aSilentStreamIsReportedWhenIdle() {
        var tracker = ProbeStreamTracker(idleAfter: .seconds(3), goodbyeGrace: .seconds(1))
        let a = "192.0.2.7:40000 ssrc 0x1"
        let b = "192.0.2.8:40000 ssrc 0x2"
        _ = tracker.finished(in: Self.summary([Self.stream(a, packets: 10)]), now: .seconds(1))
        #expect(tracker.finished(in: Self.summary([Self.stream(a, packets: 20), Self.stream(b, packets: 5)]), now: .seconds(2)).isEmpty)
        #expect(tracker.finished(in: Self.summary([Self.stream(a, packets: 20), Self.stream(b, packets: 9)]), now: .seconds(4)).isEmpty)
        let done = tracker.finished(in: Self.summary([Self.stream(a, packets: 20), Self.stream(b, packets: 12)]), now: .seconds(5))
        #expect(done.map(\.stream) == [a])
    }

    /// Streams the receiver stopped listing are forgotten (memory follows the receiver's bound),
    /// and a new stream under an old name (the receiver dropped it) is a new test.
    @Test func forgottenStreamsCanComeBack() {
        var tracker = ProbeStreamTracker(idleAfter: .seconds(3), goodbyeGrace: .seconds(0))
        let a = "192.0.2.7:40000 ssrc 0x1"
        #expect(tracker.finished(in: Self.summary([Self.stream(a, packets: 5, goodbye: true)]), now: .seconds(1)).count == 1)
        _ = tracker.finished(in: Self.summary([]), now: .seconds(2))
        #expect(tracker.finished(in: Self.summary([Self.stream(a, packets: 7, goodbye: true)]), now: .seconds(3)).count == 1)
    }

    /// A stream already there when the receiver started is partial: finished without a report.
    @Test func streamsFromBeforeTheStartAreNotReported() {
        var tracker = ProbeStreamTracker(idleAfter: .seconds(3), goodbyeGrace: .seconds(1), partialBefore: .seconds(2))
        let early = "192.0.2.7:40000 ssrc 0x1"
        let later = "192.0.2.7:40002 ssrc 0x2"
        _ = tracker.finished(in: Self.summary([Self.stream(early, packets: 10)]), now: .seconds(1))
        _ = tracker.finished(in: Self.summary([Self.stream(early, packets: 20, goodbye: true), Self.stream(later, packets: 3)]), now: .seconds(2))
        let done = tracker.finished(
            in: Self.summary([Self.stream(early, packets: 20, goodbye: true), Self.stream(later, packets: 9, goodbye: true)]),
            now: .seconds(3))
        #expect(done.isEmpty)
        let next = tracker.finished(
            in: Self.summary([Self.stream(early, packets: 20, goodbye: true), Self.stream(later, packets: 9, goodbye: true)]),
            now: .seconds(4))
        #expect(next.map(\.stream) == [later])
    }
}
