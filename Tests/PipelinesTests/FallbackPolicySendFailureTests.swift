import Pipelines
import Testing

/// A UDP send refused at this host (a local firewall) as the policy sees it.
@Suite struct FallbackPolicySendFailureTests {
    @Test func aRefusedSendFallsBackAtTheNextEvaluationEvenDuringTheOverlap() throws {
        var policy = FallbackPolicy()
        policy.noteSentByUDP(now: .milliseconds(980))
        policy.noteReport(now: .milliseconds(990), udpPacketsReceived: 49)
        policy.noteUDPSendFailure(now: .seconds(1), reason: "operation not permitted (errno 1)")
        let switched = policy.evaluate(now: .milliseconds(1_020))
        let event = try #require(switched)
        #expect(event.to == .tcp)
        #expect(event.reason == "UDP send failed at 1.0 s: operation not permitted (errno 1)")
        let again = policy.evaluate(now: .milliseconds(1_040))
        #expect(again == nil, "one failure, one switch")
    }

    /// A failure older than fallback-after (it waited for a TCP standby to connect) is stale.
    @Test func aStaleFailureIsForgotten() {
        var policy = FallbackPolicy()
        policy.noteUDPSendFailure(now: .seconds(1), reason: "operation not permitted (errno 1)")
        for tick in 101...250 {
            let now = Duration.milliseconds(tick * 10)
            policy.noteSentByUDP(now: now)
            if tick % 25 == 0 { policy.noteReport(now: now, udpPacketsReceived: UInt32(tick)) }
        }
        let stale = policy.evaluate(now: .milliseconds(2_500))
        #expect(stale == nil)
        #expect(policy.mode == .udp)
    }

    /// On TCP a refused send restarts the healthy run that leads back to UDP.
    @Test func onTCPARefusedSendDelaysTheReturn() {
        var policy = FallbackPolicy(configuration: .init(recoverAfter: .seconds(2)))
        policy.noteUDPSendFailure(now: .zero, reason: "refused")
        let down = policy.evaluate(now: .milliseconds(10))
        #expect(down?.to == .tcp)
        var received: UInt32 = 0
        var back: Duration?
        for tick in 2...500 {
            let now = Duration.milliseconds(tick * 10)
            policy.noteSentByUDP(now: now)
            received &+= 1
            if tick == 150 { policy.noteUDPSendFailure(now: now, reason: "refused") }
            if tick % 25 == 0 { policy.noteReport(now: now, udpPacketsReceived: received) }
            if let event = policy.evaluate(now: now), event.to == .udp { back = back ?? now }
        }
        // Healthy from the first report after the failure at 1.5 s (1.75 s) for 2 s.
        #expect(back.map { $0 >= .milliseconds(3_500) } == true, "back at \(String(describing: back))")
    }
}
