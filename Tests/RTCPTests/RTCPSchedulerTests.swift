import JitterbugSupport
import Testing
@testable import RTCP

@Suite struct RTCPSchedulerTests {
    /// 64 kbit/s session → RTCP 5 % = 3200 bit/s = 400 B/s.
    let bandwidth = 64_000.0

    @Test func deterministicIntervalSplitsBandwidthWhenSendersAreFew() {
        // 10 members, 1 sender (≤ 25 %): sender gets 25 % of 400 B/s = 100 B/s for n = 1;
        // receivers get 300 B/s for n = 9. avg 200 B → sender 2 s, receiver 6 s.
        let sender = RTCPScheduler<SplitMix64>.deterministicIntervalSeconds(
            members: 10, senders: 1, weSent: true, averageSizeBytes: 200, rtcpBytesPerSecond: 400,
            minimumSeconds: 1, initial: false)
        let receiver = RTCPScheduler<SplitMix64>.deterministicIntervalSeconds(
            members: 10, senders: 1, weSent: false, averageSizeBytes: 200, rtcpBytesPerSecond: 400,
            minimumSeconds: 1, initial: false)
        #expect(sender == 2)
        #expect(receiver == 6)
        // The 5 s minimum wins for the sender, not for the receiver; initial halves it to 2.5 s.
        #expect(RTCPScheduler<SplitMix64>.deterministicIntervalSeconds(
            members: 10, senders: 1, weSent: true, averageSizeBytes: 200, rtcpBytesPerSecond: 400,
            minimumSeconds: 5, initial: false) == 5)
        #expect(RTCPScheduler<SplitMix64>.deterministicIntervalSeconds(
            members: 10, senders: 1, weSent: true, averageSizeBytes: 200, rtcpBytesPerSecond: 400,
            minimumSeconds: 5, initial: true) == 2.5)
        #expect(RTCPScheduler<SplitMix64>.deterministicIntervalSeconds(
            members: 10, senders: 1, weSent: false, averageSizeBytes: 200, rtcpBytesPerSecond: 400,
            minimumSeconds: 5, initial: true) == 6)
        // Two members, one sender: 1 > 2 × 25 %, so no split: 200 × 2 / 400 = 1 s.
        #expect(RTCPScheduler<SplitMix64>.deterministicIntervalSeconds(
            members: 2, senders: 1, weSent: true, averageSizeBytes: 200, rtcpBytesPerSecond: 400,
            minimumSeconds: 0.1, initial: false) == 1)
    }

    @Test func minimumRules() {
        var config = RTCPSchedulerConfiguration(sessionBandwidthBitsPerSecond: bandwidth)
        #expect(config.rtcpBytesPerSecond == 400)
        #expect(config.minimumIntervalSeconds == 1)  // Jitterbug default
        config.minimumInterval = .standard
        #expect(config.minimumIntervalSeconds == 5)
        config.minimumInterval = .bandwidthScaled
        #expect(config.minimumIntervalSeconds == 360.0 / 64)  // 5.625 s
        config.sessionBandwidthBitsPerSecond = 720_000
        #expect(config.minimumIntervalSeconds == 0.5)
        config.sessionBandwidthBitsPerSecond = 0
        #expect(config.minimumIntervalSeconds == 5)
    }

    @Test func lowestDrawGivesHalfOverCompensationAndInitialHalf() throws {
        // Constant 0 → random factor exactly 0.5.
        let config = RTCPSchedulerConfiguration(sessionBandwidthBitsPerSecond: bandwidth, minimumInterval: .standard)
        var scheduler = RTCPScheduler(configuration: config, weSent: true, generator: ConstantGenerator(value: 0))
        #expect(scheduler.deterministicIntervalSeconds == 2.5)  // initial: 5 s / 2
        let scheduledFirst = scheduler.nextSendTime(now: .seconds(10))
        let first = try #require(scheduledFirst)
        let firstInterval: Double = (first - .seconds(10)).seconds
        #expect(abs(firstInterval - 2.5 * 0.5 / 1.21828) < 1e-9)
        #expect(scheduler.nextSendTime(now: .seconds(11)) == first)  // stable until sent
        let dueJustBefore = scheduler.isDue(now: first - .milliseconds(1))
        let dueAtTime = scheduler.isDue(now: first)
        #expect(!dueJustBefore)
        #expect(dueAtTime)
        scheduler.didSend(sizeBytes: 100, at: first)
        #expect(!scheduler.isInitial)
        let scheduledSecond = scheduler.nextSendTime(now: first)
        let second = try #require(scheduledSecond)
        let secondInterval: Double = (second - first).seconds
        #expect(abs(secondInterval - 5 * 0.5 / 1.21828) < 1e-9)
    }

    @Test func highestDrawStaysBelowUpperBound() throws {
        let config = RTCPSchedulerConfiguration(sessionBandwidthBitsPerSecond: bandwidth, minimumInterval: .standard)
        var scheduler = RTCPScheduler(
            // Not .max: that draw rounds to exactly 1.5, which the standard library redraws forever.
            configuration: config, weSent: false, generator: ConstantGenerator(value: 0xFFFF_FFFF_FFFF_F000))
        scheduler.didSend(sizeBytes: 100, at: .zero)
        let scheduled = scheduler.nextSendTime(now: .zero)
        let interval = try #require(scheduled).seconds
        #expect(interval < 5 * 1.5 / 1.21828)
        #expect(interval > 5 * 1.4999 / 1.21828)
    }

    @Test func seededDrawsStayWithinBoundsAndAverageToTdOverCompensation() {
        let config = RTCPSchedulerConfiguration(sessionBandwidthBitsPerSecond: bandwidth, initialAverageSizeBytes: 200)
        var scheduler = RTCPScheduler(
            configuration: config, weSent: false, members: 10, senders: 1, generator: SplitMix64(seed: 42))
        scheduler.didSend(sizeBytes: 172, at: .zero)  // 172 + 28 = 200: the average stays 200 B
        let td = scheduler.deterministicIntervalSeconds
        #expect(td == 6)  // receivers: 200 B × 9 / 300 B/s
        var total = 0.0
        var smallest = Double.infinity
        var largest = 0.0
        for _ in 0..<2_000 {
            let t = scheduler.drawInterval().seconds
            #expect(t >= td * 0.5 / 1.21828 - 1e-9)
            #expect(t < td * 1.5 / 1.21828)
            total += t
            smallest = min(smallest, t)
            largest = max(largest, t)
        }
        let mean = total / 2_000
        #expect(abs(mean - td / 1.21828) < 0.03 * td)
        #expect(smallest < td * 0.55 / 1.21828)
        #expect(largest > td * 1.45 / 1.21828)
    }

    @Test func averageSizeMovesBySixteenthIncludingUDPIPHeaders() {
        let config = RTCPSchedulerConfiguration(sessionBandwidthBitsPerSecond: bandwidth, initialAverageSizeBytes: 128)
        var scheduler = RTCPScheduler(configuration: config, weSent: true, generator: SplitMix64(seed: 1))
        scheduler.didSend(sizeBytes: 200, at: .seconds(1))  // (200 + 28) / 16 + 128 × 15/16
        #expect(scheduler.averageSizeBytes == 134.25)
        scheduler.didReceive(sizeBytes: 100)  // 128/16 + 134.25 × 15/16
        let expected: Double = 8 + 134.25 * 15 / 16
        #expect(scheduler.averageSizeBytes == expected)
        #expect(scheduler.lastSendTime == .seconds(1))
    }

    @Test func defaultReducedMinimumGivesSubSecondFirstReport() throws {
        let config = RTCPSchedulerConfiguration(sessionBandwidthBitsPerSecond: bandwidth)
        var scheduler = RTCPScheduler(configuration: config, weSent: true, generator: SplitMix64(seed: 7))
        // Initial Td = max(128 × 2 / 400 = 0.64, 1 s / 2) = 0.64 s.
        #expect(abs(scheduler.deterministicIntervalSeconds - 0.64) < 1e-12)
        let scheduled = scheduler.nextSendTime(now: .zero)
        let first: Double = try #require(scheduled).seconds
        let lower: Double = 0.64 * 0.5 / 1.21828
        let upper: Double = 0.64 * 1.5 / 1.21828
        #expect(first >= lower)
        #expect(first < upper)
    }
}
