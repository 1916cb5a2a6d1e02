import RTCP
import RTP
import Pipelines
import Testing

/// The auto transport's decisions, driven with synthetic time and receiver reports.
@Suite struct FallbackPolicyTests {
    /// Sends 50 packets/s by UDP and reports every 250 ms; `delivered(t)` says whether UDP works at t.
    static func drive(
        _ policy: inout FallbackPolicy, from: Int, to: Int, delivered: (Duration) -> Bool, received: inout UInt32,
        events: inout [FallbackPolicy.Event]
    ) {
        for tick in from..<to {  // 10 ms ticks
            let now = Duration.milliseconds(tick * 10)
            if tick % 2 == 0, policy.paths(now: now).udp {
                policy.noteSentByUDP()
                if delivered(now) { received &+= 1 }
            }
            if tick % 25 == 0 { policy.noteReport(now: now, udpPacketsReceived: received) }
            if let event = policy.evaluate(now: now) { events.append(event) }
        }
    }

    @Test func blackholeFallsBackWithinASecondAndRecovers() {
        var policy = FallbackPolicy(configuration: .init(fallbackAfter: .seconds(1), fallbackLoss: 0.3, recoverAfter: .seconds(2)))
        var received: UInt32 = 0
        var events: [FallbackPolicy.Event] = []
        let outage = Duration.seconds(3)..<Duration.seconds(6)
        Self.drive(&policy, from: 0, to: 1200, delivered: { !outage.contains($0) }, received: &received, events: &events)
        #expect(events.count == 2, "\(events)")
        let down = try! #require(events.first)
        #expect(down.to == .tcp)
        #expect(down.time > .seconds(3) && down.time <= .milliseconds(4_500), "fell back at \(down.time)")
        let up = try! #require(events.last)
        #expect(up.to == .udp)
        #expect(up.time >= .seconds(8) && up.time <= .seconds(9), "recovered at \(up.time)")
        // While on TCP both paths carry the stream; right after the switch back both still do.
        #expect(policy.paths(now: up.time).tcp)
        #expect(!policy.paths(now: up.time + .seconds(2)).tcp)
    }

    @Test func noReportsAtAllFallsBack() {
        var policy = FallbackPolicy()
        for tick in 0..<150 { policy.noteSentByUDP(); _ = tick }
        #expect(policy.evaluate(now: .milliseconds(900)) == nil)
        let event = policy.evaluate(now: .milliseconds(1_000))
        #expect(event?.to == .tcp)
        #expect(event?.reason.contains("no receiver report") == true)
    }

    @Test func healthyUDPStaysOnUDP() {
        var policy = FallbackPolicy()
        var received: UInt32 = 0
        var events: [FallbackPolicy.Event] = []
        Self.drive(&policy, from: 0, to: 1000, delivered: { _ in true }, received: &received, events: &events)
        #expect(events.isEmpty)
        #expect(policy.mode == .udp)
    }

    @Test func pathReportRoundTripsThroughRTCP() throws {
        let report = PathReport(ssrc: 7, udpPackets: 123_456, tcpPackets: 42)
        let bytes = RTCPCompound.serialize([.goodbye(Goodbye(ssrcs: [7], reason: nil)), report.packet])
        let parsed = try RTCPCompound.parse(bytes)
        #expect(PathReport.find(in: parsed) == report)
    }
}

@Suite struct FallbackPolicyEndOfStreamTests {
    /// When the sender stops, reports stop as well; that must not look like a UDP failure.
    @Test func noSwitchAfterTheStreamEnds() {
        var policy = FallbackPolicy()
        for tick in 0..<100 {
            let now = Duration.milliseconds(tick * 20)
            policy.noteSentByUDP(now: now)
            if tick % 25 == 0 { policy.noteReport(now: now, udpPacketsReceived: UInt32(tick)) }
            #expect(policy.evaluate(now: now) == nil)
        }
        #expect(policy.evaluate(now: .seconds(5)) == nil)
        #expect(policy.mode == .udp)
    }
}

@Suite struct FallbackControllerRoutingTests {
    /// On TCP with the connection down (being made again), packets go by UDP alone and are
    /// counted once, by UDP.
    @Test func tcpDownRoutesByUDPAlone() {
        let controller = FallbackController(configuration: FallbackPolicy.Configuration())
        // No reports at all: after fallbackAfter (1 s) the policy is on TCP.
        for tick in 0...60 {
            _ = controller.route(now: .milliseconds(tick * 20))
            _ = controller.evaluate(now: .milliseconds(tick * 20))
        }
        #expect(controller.mode == .tcp)
        let before = controller.sentCounts
        let up = controller.route(now: .milliseconds(1_240))
        #expect(up.udp && up.tcp)
        let down = controller.route(now: .milliseconds(1_260), tcpAvailable: false)
        #expect(down.udp && !down.tcp)
        let after = controller.sentCounts
        #expect(after.udp == before.udp + 2)
        #expect(after.tcp == before.tcp + 1)
    }
}
