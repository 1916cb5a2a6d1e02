import Foundation
import Testing
@testable import WebView

/// The impairment schedule in the view's JSON and the `phase` event (docs/web-events.md).
@Suite struct ImpairmentMarkerTests {
    static let markers = [
        ImpairmentMarker(kind: .phase, direction: "both", startSeconds: 3, endSeconds: 8, label: "loss=30%"),
        ImpairmentMarker(kind: .blackhole, direction: "up", startSeconds: 5, endSeconds: 6.5, label: "blackhole"),
        ImpairmentMarker(kind: .phase, direction: "both", startSeconds: 8, endSeconds: nil, label: "loss=0%"),
    ]

    @Test func theScheduleIsInBothEndpointsJSON() throws {
        let live = LiveStreams(intervalSeconds: 1)
        live.publish(markers: Self.markers)
        live.publish(interval: SummaryFixtures.record(end: 1))
        _ = live.publish(summary: SummaryFixtures.summary([SummaryFixtures.Stream(name: "10.0.0.1:4000 ssrc 0x1", packets: 50)]))
        let page = try JSONSerialization.jsonObject(with: JSONEncoder().encode(live.page(sort: .loss, offset: 0, limit: 10))) as? [String: Any]
        let phases = try #require(page?["phases"] as? [[String: Any]])
        #expect(phases.map { $0["start_s"] as? Double } == [3, 5, 8])
        #expect(phases.map { $0["label"] as? String } == ["loss=30%", "blackhole", "loss=0%"])
        #expect(phases[1]["kind"] as? String == "blackhole" && phases[1]["end_s"] as? Double == 6.5)
        #expect(phases[2]["end_s"] is NSNull || phases[2]["end_s"] == nil)
        let detail = try #require(live.detail(id: 1))
        #expect(detail.phases == Self.markers)
    }

    @Test func thePhaseEventCarriesTheMarker() throws {
        let live = LiveStreams(intervalSeconds: 1)
        let event = live.phaseEvent(Self.markers[2], atSeconds: 8.002)
        #expect(event.kind == .phase)
        #expect(event.serverSentEvent(id: 7).hasPrefix("id: 7\nevent: phase\ndata: {"))
        let data = try #require(try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any])
        #expect(data["t_s"] as? Double == 8.002)
        #expect(data["start_s"] as? Double == 8)
        #expect(data["end_s"] is NSNull)
        #expect(data["label"] as? String == "loss=0%")
        #expect(data["direction"] as? String == "both")
        #expect(!event.data.contains("\n"))
    }

    @Test func atMostAThousandMarkersAreKept() {
        let live = LiveStreams(intervalSeconds: 1)
        live.publish(markers: (0..<1_500).map {
            ImpairmentMarker(kind: .phase, direction: "up", startSeconds: Double($0), endSeconds: nil, label: "loss=1%")
        })
        #expect(live.page(sort: .loss, offset: 0, limit: 1).phases.count == ImpairmentMarker.maximumCount)
    }
}
