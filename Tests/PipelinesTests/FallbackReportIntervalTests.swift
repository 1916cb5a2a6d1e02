import Pipelines
import RTCP
import RTP
import Testing

/// At low media rates RFC 3550 spaces the receiver's reports further apart than `auto`'s 1 s:
/// the silence checks wait for the receiver's longest interval instead of switching to TCP on
/// a healthy path (an 8 kbit/s stream fell back with "no receiver report for 1.0 s").
@Suite struct FallbackReportIntervalTests {
    /// 50 packets/s by UDP, all delivered, a receiver report every `every`; the switches in 10 s.
    static func switches(reportEvery every: Duration, bound: Duration) -> [FallbackPolicy.Event] {
        var policy = FallbackPolicy(configuration: .init(fallbackAfter: .seconds(1)))
        policy.reportIntervalBound = bound
        var received: UInt32 = 0
        var events: [FallbackPolicy.Event] = []
        var nextReport = every
        for tick in 0..<1_000 {  // 10 ms ticks
            let now = Duration.milliseconds(tick * 10)
            if tick % 2 == 0 {
                policy.noteSentByUDP(now: now)
                received &+= 1
            }
            if now >= nextReport {
                policy.noteReport(now: now, udpPacketsReceived: received)
                nextReport += every
            }
            if let event = policy.evaluate(now: now) { events.append(event) }
        }
        return events
    }

    @Test func reportsFurtherApartThanOneSecondAreNoOutageWithinTheBound() {
        #expect(Self.switches(reportEvery: .milliseconds(1_300), bound: .zero).first?.to == .tcp)
        #expect(Self.switches(reportEvery: .milliseconds(1_300), bound: .milliseconds(1_500)).isEmpty)
        // The bound never shortens the configured wait.
        #expect(Self.switches(reportEvery: .milliseconds(900), bound: .milliseconds(200)).isEmpty)
    }

    @Test func theSendersBoundGrowsAsTheMediaRateFalls() {
        /// The bound after 3 s of RTP packets of `bytes` every 20 ms.
        func bound(rtpBytes: Int) -> Duration {
            let session = SenderRTCPSession()
            var packet = RTPPacket(
                header: RTPHeader(payloadType: 111, sequenceNumber: 0, timestamp: 0, ssrc: 7), payload: [])
            for index in 0..<150 {
                packet.header.sequenceNumber = UInt16(index)
                packet.payload = [UInt8](repeating: 0, count: rtpBytes - 12)
                session.notePacket(packet, at: .milliseconds(20 * index))
            }
            return session.receiverReportIntervalBound(now: .seconds(3))
        }
        let opus32 = bound(rtpBytes: 92)  // 32 kbit/s Opus: ~120 B on the wire every 20 ms
        let opus8 = bound(rtpBytes: 32)
        // At the default rate the wait stays near the configured 1 s (about 1.1 s).
        #expect(opus32 < .milliseconds(1_200), "\(opus32)")
        #expect(opus8 > .milliseconds(1_300), "\(opus8)")
        #expect(opus8 > opus32)
    }
}
