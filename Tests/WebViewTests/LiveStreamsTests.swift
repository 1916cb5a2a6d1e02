import Reports
import Testing
@testable import WebView

/// The web view's state from the receiver's snapshots: one point per interval, deltas of the
/// cumulative totals, path switches, stream starts and ends, bounded history, top-N pages.
@Suite struct LiveStreamsTests {
    typealias Stream = SummaryFixtures.Stream

    @Test func onePointPerIntervalWithTheIntervalsIncrease() throws {
        let live = LiveStreams(intervalSeconds: 1)
        var totals: [(packets: Int64, lost: Int64)] = []
        for second in 1...5 {
            let packets = Int64(second * 48)
            let lost = Int64(second * second)  // 1, 4, 9, 16, 25: the increase is 1, 3, 5, 7, 9
            totals.append((packets, lost))
            live.publish(interval: SummaryFixtures.record(end: Double(second)))
            _ = live.publish(summary: SummaryFixtures.summary([Stream(name: "10.0.0.1:4000 ssrc 0x1", packets: packets, lost: lost)]))
        }
        let detail = try #require(live.detail(id: 1))
        #expect(detail.points.map(\.endSeconds) == [1, 2, 3, 4, 5])
        #expect(detail.points.map(\.lost) == [1, 3, 5, 7, 9])
        #expect(detail.points.map(\.packets) == [48, 48, 48, 48, 48])
        #expect(detail.points.map(\.expected) == [49, 51, 53, 55, 57])
        // The primary stream's delay is the interval's own (as in --jsonl).
        #expect(detail.points.allSatisfy { $0.delayP50Milliseconds == 10 && $0.delayP99Milliseconds == 20 })
        #expect(detail.stream.lost == 25)
        #expect(detail.stream.source == "10.0.0.1:4000")
        #expect(detail.stream.ssrc == "0x1")
        // A summary with no interval closed since (the receiver's final one may be) adds no point.
        _ = live.publish(summary: SummaryFixtures.summary([Stream(name: "10.0.0.1:4000 ssrc 0x1", packets: 250, lost: 25)]))
        #expect(try #require(live.detail(id: 1)).points.count == 5)
        #expect(try #require(live.detail(id: 1)).stream.packets == 250)
    }

    /// The page measures its update latency against when the receiver closed the interval.
    @Test func thePageCarriesWhenTheLastAppliedIntervalClosed() {
        let live = LiveStreams(intervalSeconds: 1)
        #expect(live.page(sort: .loss, offset: 0, limit: 10).endUnixMilliseconds == nil)
        live.publish(interval: SummaryFixtures.record(end: 1), closedUnixMilliseconds: 1_000_000)
        // Not before the summary that follows it is applied (the page refetches on its event).
        #expect(live.page(sort: .loss, offset: 0, limit: 10).endUnixMilliseconds == nil)
        _ = live.publish(summary: SummaryFixtures.summary([Stream(name: "10.0.0.1:4000 ssrc 0x1", packets: 50)]))
        #expect(live.page(sort: .loss, offset: 0, limit: 10).endUnixMilliseconds == 1_000_000)
        live.publish(interval: SummaryFixtures.record(end: 2), closedUnixMilliseconds: 1_001_000)
        _ = live.publish(summary: SummaryFixtures.summary([Stream(name: "10.0.0.1:4000 ssrc 0x1", packets: 100)]))
        #expect(live.page(sort: .loss, offset: 0, limit: 10).endUnixMilliseconds == 1_001_000)
    }

    @Test func eventsComeInOrderIntervalFirst() {
        let live = LiveStreams(intervalSeconds: 1)
        live.publish(interval: SummaryFixtures.record(end: 1))
        let events = live.publish(summary: SummaryFixtures.summary([
            Stream(name: "10.0.0.1:4000 ssrc 0x1", packets: 50), Stream(name: "10.0.0.2:4000 ssrc 0x2", packets: 50),
        ]))
        #expect(events.map(\.kind) == [.interval, .streamStart, .streamStart])
        // The interval event's data is exactly the --jsonl line.
        #expect(events.first?.data == JSONLWriter.encode(SummaryFixtures.record(end: 1)))
        #expect(events[1].data.contains("\"stream_id\":1"))
        #expect(events[2].data.contains("\"source\":\"10.0.0.2:4000\""))
    }

    @Test func aMoveFromUDPToTCPAndBackIsTwoSwitches() throws {
        let live = LiveStreams(intervalSeconds: 1)
        let name = "10.0.0.1:4000 ssrc 0x1"
        // (UDP, TCP) cumulative: UDP only, then mostly TCP, TCP only, then back to UDP.
        let paths = [(50, 0), (60, 40), (60, 90), (110, 90)]
        var kinds: [[WebEvent.Kind]] = []
        for (index, (udp, tcp)) in paths.enumerated() {
            live.publish(interval: SummaryFixtures.record(end: Double(index + 1)))
            kinds.append(live.publish(summary: SummaryFixtures.summary([Stream(name: name, packets: Int64(udp + tcp), udp: udp, tcp: tcp)])).map(\.kind))
        }
        #expect(kinds == [[.interval, .streamStart], [.interval, .pathSwitch], [.interval], [.interval, .pathSwitch]])
        let detail = try #require(live.detail(id: 1))
        #expect(detail.points.map(\.path) == ["udp", "udp+tcp", "tcp", "udp"])
        #expect(detail.switches == [PathSwitch(endSeconds: 2, from: "udp", to: "tcp"), PathSwitch(endSeconds: 4, from: "tcp", to: "udp")])
        #expect(detail.stream.pathSwitches == 2)
    }

    @Test func aSilentStreamEndsAfterTheIdleTimeAndStartsAgain() {
        let live = LiveStreams(intervalSeconds: 1, streamIdleSeconds: 3)
        let name = "10.0.0.1:4000 ssrc 0x1"
        var kinds: [WebEvent.Kind] = []
        for (second, packets) in [(1, 50), (2, 100), (3, 100), (4, 100), (5, 100), (6, 150)] {
            live.publish(interval: SummaryFixtures.record(end: Double(second)))
            kinds += live.publish(summary: SummaryFixtures.summary([Stream(name: name, packets: Int64(packets))])).map(\.kind).filter { $0 != .interval }
        }
        #expect(kinds == [.streamStart, .streamEnd, .streamStart])
    }

    @Test func historyIsBoundedToFiveMinutes() throws {
        let live = LiveStreams(intervalSeconds: 0.5)
        #expect(live.pointsPerStream == 600)
        for index in 1...700 {
            live.publish(interval: SummaryFixtures.record(end: Double(index) / 2))
            _ = live.publish(summary: SummaryFixtures.summary([Stream(name: "10.0.0.1:4000 ssrc 0x1", packets: Int64(index * 25))]))
        }
        let points = try #require(live.detail(id: 1)).points
        #expect(points.count == 600)
        #expect(points.first?.endSeconds == 50.5)
        #expect(points.last?.endSeconds == 350)
        // The rings together stay within the point budget.
        #expect(live.historyStreamLimit * live.pointsPerStream <= LiveStreams.historyPointBudget)
    }

    @Test func pagesAreSortedAndTopNByLoss() {
        let live = LiveStreams(intervalSeconds: 1)
        // 2,000 streams, stream i losing i % 97 of 1,000 packets.
        let streams = (1...2_000).map { Stream(name: "10.0.\($0 / 256).\($0 % 256):4000 ssrc 0x\($0)", packets: 1_000, lost: Int64($0 % 97)) }
        live.publish(interval: SummaryFixtures.record(end: 1))
        _ = live.publish(summary: SummaryFixtures.summary(streams))
        let top = live.page(sort: .loss, offset: 0, limit: 10)
        #expect(top.total == 2_000)
        #expect(top.streams.count == 10)
        #expect(top.streams.allSatisfy { $0.lost == 96 })
        let reference = streams.enumerated().sorted { a, b in
            a.element.lost == b.element.lost ? a.offset < b.offset : a.element.lost > b.element.lost
        }
        #expect(top.streams.map(\.id) == reference.prefix(10).map { $0.offset + 1 })
        let second = live.page(sort: .loss, offset: 10, limit: 10)
        #expect(second.streams.map(\.id) == reference.dropFirst(10).prefix(10).map { $0.offset + 1 })
        let all = live.page(sort: .id, offset: 1_990, limit: 50)
        #expect(all.streams.map(\.id) == Array(1_991...2_000))
    }
}
