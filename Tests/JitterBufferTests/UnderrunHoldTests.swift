import Testing

@testable import JitterBuffer

/// With time-scaling the buffer holds its slot on an underrun (conceals until a packet comes,
/// NetEq's expand) instead of letting the frames a stalled path delayed go late.
@Suite("Time-scaling: underrun hold, merge, and the tail guard")
struct UnderrunHoldTests {
    /// 20 ms delay, except frames sent in [2.0 s, 2.2 s), which arrive together at 2.22 s in
    /// order (a 200 ms stall releasing its queue); `lost` never arrive.
    static func stall(lost: Set<Int> = []) -> [JitterBufferPacket] {
        let sender = Sender()
        return (0..<250).compactMap { k -> JitterBufferPacket? in
            guard !lost.contains(k) else { return nil }
            let sent = sender.sendTime(k)
            if sent >= .seconds(2), sent < .milliseconds(2_200) {
                return sender.packet(k, delay: .milliseconds(2_220) - sent + .microseconds(Int64(k) * 10))
            }
            return sender.packet(k, delay: .milliseconds(20))
        }
    }

    @Test("a 200 ms stall is held: no frame late, concealment while it lasts, then back on target")
    func stallIsHeld() throws {
        var buffer = try makeBuffer { $0.initialDelay = .milliseconds(20) }
        var player = ScaledPlayer()
        player.run(&buffer, Self.stall(), until: .seconds(5))
        #expect(player.outcomes.allSatisfy { $0.outcome != .late })
        #expect(buffer.ledger.concealedLate == 0 && buffer.ledger.concealedLost == 0)
        let stretched = player.ticks.filter {
            if case .conceal(_, _, .stretch) = $0.frame { return $0.time >= .seconds(2) && $0.time < .milliseconds(2_300) }
            return false
        }
        #expect(stretched.count >= 8, "\(stretched.count) held ticks")
        // Back on target: the fast quantile still holds the stall's delays and steps down as it
        // forgets them, each step followed by a period of accelerate.
        let settled = player.played(in: .seconds(4)..<(.seconds(5))).map { abs($0.errorMilliseconds) }
        #expect(!settled.isEmpty && settled.reduce(0, +) / Double(settled.count) < 5, "errors after 4 s: \(settled)")
        #expect((settled.max() ?? .infinity) <= 20, "errors after 4 s: \(settled)")
    }

    @Test("without time-scaling the same stall makes its frames late")
    func wholeFrameLosesTheStall() throws {
        var buffer = try makeBuffer { $0.initialDelay = .milliseconds(20) }
        drive(&buffer, Self.stall(), until: .seconds(5))
        #expect(buffer.ledger.concealedLate > 0)
    }

    @Test("after a hold, a missing frame whose successor came is lost once and the successor plays at once")
    func holdThenMerge() throws {
        let lostFrame = 100  // sent at 2.0 s, the first frame of the stall
        var buffer = try makeBuffer { $0.initialDelay = .milliseconds(20) }
        var player = ScaledPlayer()
        player.run(&buffer, Self.stall(lost: [lostFrame]), until: .seconds(5))
        #expect(buffer.ledger.concealedLost == 1)
        #expect(buffer.ledger.concealedLate == 0)
        // No concealment for the lost frame after the hold: 110 (sent as the stall ended) comes
        // 1 ms before 100–109, so the tick at 2.22 s holds once more; the next plays 101.
        let afterRelease = try #require(player.ticks.first { $0.time > .milliseconds(2_221) })
        #expect(afterRelease.frame.playedSequence == UInt16(lostFrame + 1))
        #expect(!player.ticks.contains {
            if case .conceal(_, _, .lost) = $0.frame { return true }
            return false
        })
    }

    @Test("tail guard: a packet overtaken in a stall's release does not raise it; one overtaken before its slot does")
    func guardCountsOnlyPacketsThatCouldBeLate() {
        func guardTarget(overtaken: Int64) -> Int64 {
            var estimator = DelayEstimator(
                quantile: 0.95, forget: 0.9983, guardQuantile: 0.995, guardForget: 0.99967,
                maximumDelayNanoseconds: 2_000_000_000)
            estimator.guardMarginNanoseconds = 20_000_000
            for k in 0..<3_000 {
                let arrival = Int64(k) * 20_000_000
                // Every 100th packet comes 200 ms late, overtaken by its successor `overtaken` ns before.
                let extra: Int64 = k % 100 == 50 ? 200_000_000 : Int64(k % 5) * 1_000_000
                estimator.add(arrival: arrival + extra, delay: extra, overtakenNanoseconds: k % 100 == 50 ? overtaken : nil)
            }
            return estimator.quantileNanoseconds ?? 0
        }
        // Overtaken 1 ms before: its overtaker was itself ~199 ms late, past this packet's slot,
        // so the playout point was holding and takes both.
        #expect(guardTarget(overtaken: 1_000_000) < 10_000_000)
        // Overtaken 190 ms before: the overtaker came at ~10 ms, before this packet's slot.
        #expect(guardTarget(overtaken: 190_000_000) >= 190_000_000)
    }

    @Test("DTX silence is not held: the next talk spurt plays on time, not as late as the silence was long")
    func dtxSilenceIsNotHeld() throws {
        let sender = Sender()
        // Frames 0–99 speech, 100 a DTX frame, nothing until 200 (2 s of silence), then speech.
        let packets = (0..<300).compactMap { k -> JitterBufferPacket? in
            guard k <= 100 || k >= 200 else { return nil }
            return sender.packet(k, delay: .milliseconds(20), dtx: k == 100)
        }
        var buffer = try makeBuffer { $0.initialDelay = .milliseconds(20) }
        var player = ScaledPlayer()
        player.run(&buffer, packets, until: .seconds(7))
        let resumed = try #require(player.ticks.first { $0.frame.playedSequence == 200 })
        let arrival = sender.sendTime(200) + .milliseconds(20)
        #expect(resumed.time - arrival < .milliseconds(60), "frame 200 arrived at \(arrival), played at \(resumed.time)")
        #expect(buffer.ledger.concealedLate == 0)
    }

    @Test("a sender that pauses with its clock running: the held time counts toward the timestamp gap")
    func pauseWithClockRunning() throws {
        let sender = Sender()
        // Frames 0–99, then the next packet is frame 100 by sequence but 2 s later in time.
        let packets = (0..<200).map { k -> JitterBufferPacket in
            var packet = sender.packet(k >= 100 ? k + 100 : k, delay: .milliseconds(20))
            packet.sequenceNumber = UInt16(k)
            return packet
        }
        var buffer = try makeBuffer { $0.initialDelay = .milliseconds(20) }
        var player = ScaledPlayer()
        player.run(&buffer, packets, until: .seconds(6))
        let resumed = try #require(player.ticks.first { $0.frame.playedSequence == 100 })
        let arrival = sender.sendTime(200) + .milliseconds(20)
        #expect(resumed.time - arrival < .milliseconds(60), "arrived at \(arrival), played at \(resumed.time)")
    }
}
