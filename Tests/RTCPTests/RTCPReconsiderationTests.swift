import JitterbugSupport
import Testing
@testable import RTCP

/// RFC 3550 §6.3 / A.7 beyond the single draw: timer reconsideration, reverse reconsideration,
/// BYE, and the session bandwidth measured from the media. Every run steps an injected clock
/// and a seeded generator; nothing sleeps.
@Suite struct RTCPReconsiderationTests {
    /// 1 packet every 20 ms of 108 RTP bytes (+ 28 UDP/IP): 6,800 B/s, the default Opus stream.
    static let mediaBytes = 108
    static let frame: Duration = .milliseconds(20)

    /// A sender and a receiver scheduler over `seconds` of media: the RTCP bytes each sends
    /// (with UDP/IP headers) and the longest gap between the receiver's reports.
    static func session(
        seconds: Int, seed: UInt64, senderReportBytes: Int = 88, receiverReportBytes: Int = 144
    ) -> (media: Int, sender: Int, receiver: Int, longestReceiverGap: Duration, senderReports: Int, receiverReports: Int) {
        var sender = RTCPScheduler(configuration: .jitterbug, weSent: true, generator: SplitMix64(seed: seed))
        var receiver = RTCPScheduler(configuration: .jitterbug, weSent: false, generator: SplitMix64(seed: seed &+ 1))
        var media = 0, sent = 0, received = 0, reports = 0, senderReports = 0
        var lastReport: Duration = .zero
        var longest: Duration = .zero
        var now: Duration = .zero
        while now < .seconds(seconds) {
            sender.noteMedia(rtpBytes: mediaBytes, at: now)
            receiver.noteMedia(rtpBytes: mediaBytes, at: now)
            media += mediaBytes + 28
            if sender.isDue(now: now) {
                sender.didSend(sizeBytes: senderReportBytes, at: now)
                receiver.didReceive(sizeBytes: senderReportBytes)
                sent += senderReportBytes + 28
                senderReports += 1
            }
            if receiver.isDue(now: now) {
                // The VoIP Metrics block (36 bytes) rides every other report.
                let size = reports % 2 == 0 ? receiverReportBytes : receiverReportBytes - 36
                receiver.didSend(sizeBytes: size, at: now)
                sender.didReceive(sizeBytes: size)
                received += size + 28
                longest = max(longest, now - lastReport)
                lastReport = now
                reports += 1
            }
            now += frame
        }
        return (media, sent, received, longest, senderReports, reports)
    }

    @Test func longRunStaysWithinTheBandwidthShareAndSplit() {
        let run = Self.session(seconds: 600, seed: 3)
        let rtcp = Double(run.sender + run.receiver)
        // 4 % of the media on average (RFC 3550 §6.2's 5 % with headroom).
        let share = rtcp / Double(run.media)
        #expect(share > 0.037 && share < 0.043, "RTCP is \(share * 100) % of the media")
        // The fixed split: with one average packet size for both (RFC 3550 §6.3.3), 75 % for
        // the receiver and 25 % for the sender means three receiver reports per sender report.
        let ratio = Double(run.receiverReports) / Double(run.senderReports)
        #expect(abs(ratio - 3) < 0.3, "\(run.receiverReports) receiver and \(run.senderReports) sender reports")
    }

    @Test func everyTwentySecondRunStaysUnderFivePercentOnTheWire() {
        // The start (low size estimate, halved first interval) and the scatter of 20 s runs stay
        // well under 5 % of RTP + RTCP, leaving room for the two BYE compounds (~0.2 %).
        var shares: [Double] = []
        for seed in UInt64(1)...40 {
            let run = Self.session(seconds: 20, seed: seed)
            let rtcp = Double(run.sender + run.receiver)
            let share = rtcp / (rtcp + Double(run.media))
            shares.append(share)
            #expect(share <= 0.046, "seed \(seed): \(share)")
            // The `auto` fallback waits 1 s for a report: at this rate they come well within it.
            #expect(run.longestReceiverGap < .milliseconds(950), "seed \(seed): gap \(run.longestReceiverGap)")
        }
        let mean = shares.reduce(0, +) / Double(shares.count)
        #expect(mean < 0.042, "mean share \(mean)")
    }

    @Test func firstReportsComeSoonAfterTheMediaStarts() {
        // The halved first interval: `auto` expects a receiver report within 1 s, and the TCP
        // standby connection a frame (the sender's report) within 2 s of connecting.
        for seed in UInt64(1)...40 {
            var sender = RTCPScheduler(configuration: .jitterbug, weSent: true, generator: SplitMix64(seed: seed))
            var receiver = RTCPScheduler(configuration: .jitterbug, weSent: false, generator: SplitMix64(seed: seed &+ 1))
            var now: Duration = .zero
            var senderFirst: Duration?
            var receiverFirst: Duration?
            while now < .seconds(5), senderFirst == nil || receiverFirst == nil {
                sender.noteMedia(rtpBytes: Self.mediaBytes, at: now)
                receiver.noteMedia(rtpBytes: Self.mediaBytes, at: now)
                if senderFirst == nil, sender.isDue(now: now) { senderFirst = now }
                if receiverFirst == nil, receiver.isDue(now: now) { receiverFirst = now }
                now += Self.frame
            }
            #expect((receiverFirst ?? .seconds(5)) < .milliseconds(700), "seed \(seed): receiver first at \(String(describing: receiverFirst))")
            #expect((senderFirst ?? .seconds(5)) < .milliseconds(1_500), "seed \(seed): sender first at \(String(describing: senderFirst))")
        }
    }

    @Test func reconsiderationMakesTheMeanIntervalTd() {
        // Constant membership and size: the mean interval with reconsideration is Td exactly
        // (that is what dividing by e − 3/2 assumes); without it, it would be Td / 1.218.
        let configuration = RTCPSchedulerConfiguration(sessionBandwidthBitsPerSecond: 64_000, minimumInterval: .standard)
        var scheduler = RTCPScheduler(configuration: configuration, weSent: true, generator: SplitMix64(seed: 9))
        var now: Duration = .zero
        var sends: [Duration] = []
        while sends.count < 2_001 {
            if scheduler.isDue(now: now) {
                scheduler.didSend(sizeBytes: 100, at: now)
                sends.append(now)
            }
            now += .milliseconds(10)
        }
        let mean = (sends[2_000] - sends[0]).seconds / 2_000
        #expect(abs(mean - 5) < 0.1, "mean interval \(mean) s")
    }

    @Test func aLargerAverageAtExpiryReschedulesInsteadOfSending() throws {
        let configuration = RTCPSchedulerConfiguration(sessionBandwidthBitsPerSecond: 64_000, minimumInterval: .fixed(.milliseconds(1)))
        // Draw factor exactly 0.5 every time.
        var scheduler = RTCPScheduler(configuration: configuration, weSent: true, generator: ConstantGenerator(value: 0))
        scheduler.didSend(sizeBytes: 100, at: .zero)
        let first = scheduler.nextSendTime(now: .zero)
        let scheduled = try #require(first)
        // Much larger packets arrive: the average grows, so at tn the reconsidered tp + T is later.
        for _ in 0..<16 { scheduler.didReceive(sizeBytes: 1_000) }
        let dueAtOldTime = scheduler.isDue(now: scheduled)
        #expect(!dueAtOldTime)
        let next = scheduler.nextSendTime(now: scheduled)
        let moved = try #require(next)
        #expect(moved > scheduled)
        let dueAtNewTime = scheduler.isDue(now: moved)
        #expect(dueAtNewTime)
    }

    @Test func membersLeavingPullTheScheduleIn() throws {
        let configuration = RTCPSchedulerConfiguration(sessionBandwidthBitsPerSecond: 64_000, minimumInterval: .fixed(.milliseconds(1)))
        var scheduler = RTCPScheduler(
            configuration: configuration, weSent: false, members: 10, senders: 1, generator: ConstantGenerator(value: 0))
        scheduler.didSend(sizeBytes: 100, at: .zero)
        let scheduledBefore = scheduler.nextSendTime(now: .zero)
        let before = try #require(scheduledBefore)
        // Half the members leave at t = 1 s: tn = tc + (5/10)(tn − tc) (RFC 3550 §6.3.4).
        scheduler.setMembers(5, now: .seconds(1))
        let scheduledAfter = scheduler.nextSendTime(now: .seconds(1))
        let after = try #require(scheduledAfter)
        let expected: Double = 1 + (before.seconds - 1) / 2
        #expect(abs(after.seconds - expected) < 1e-9)
        // More members never pull it in.
        scheduler.setMembers(8, now: .seconds(1))
        let unchanged = scheduler.nextSendTime(now: .seconds(1))
        #expect(unchanged == after)
    }

    @Test func goodbyeGoesAtOnceInSmallSessionsAndIsScheduledInLargeOnes() throws {
        var small = RTCPScheduler(configuration: .jitterbug, weSent: true, generator: SplitMix64(seed: 1))
        let immediate = small.goodbyeTime(now: .seconds(3), sizeBytes: 60)
        #expect(immediate == .seconds(3))
        let configuration = RTCPSchedulerConfiguration(sessionBandwidthBitsPerSecond: 64_000, minimumInterval: .standard)
        var large = RTCPScheduler(
            configuration: configuration, weSent: false, members: 60, senders: 1, generator: ConstantGenerator(value: 0))
        let time = large.goodbyeTime(now: .seconds(3), sizeBytes: 60)
        // As a first report in a session of one: Td = 2.5 s (initial half of 5 s), factor 0.5.
        let delay: Double = (time - .seconds(3)).seconds
        #expect(abs(delay - 2.5 * 0.5 / 1.21828) < 1e-9)
        #expect(large.members == 1)
        let early = large.isDue(now: time - .milliseconds(1))
        let due = large.isDue(now: time)
        #expect(!early)
        #expect(due)
    }

    @Test func noReportIsScheduledBeforeTheMediaRateIsKnown() throws {
        var scheduler = RTCPScheduler(configuration: .jitterbug, weSent: false, generator: SplitMix64(seed: 5))
        var now: Duration = .zero
        while now < MediaRateEstimator.minimumSpan {
            scheduler.noteMedia(rtpBytes: Self.mediaBytes, at: now)
            let scheduled = scheduler.nextSendTime(now: now)
            let due = scheduler.isDue(now: now)
            #expect(scheduled == nil)
            #expect(!due)
            now += Self.frame
        }
        scheduler.noteMedia(rtpBytes: Self.mediaBytes, at: now)
        let rate = try #require(scheduler.sessionBitsPerSecond(now: now))
        // 136 B every 20 ms = 54.4 kbit/s; over the first 200 ms eleven packets count against
        // ten frame times, 10 % high, a bias that fades as the span grows to the 5 s window.
        #expect(abs(rate - 54_400) <= 54_400 * 0.11, "rate \(rate)")
        for _ in 0..<250 {
            now += Self.frame
            scheduler.noteMedia(rtpBytes: Self.mediaBytes, at: now)
        }
        let settled = try #require(scheduler.sessionBitsPerSecond(now: now))
        #expect(abs(settled - 54_400) <= 54_400 * 0.03, "rate after 5 s \(settled)")
        let scheduled = scheduler.nextSendTime(now: now)
        #expect(scheduled != nil)
    }
}
