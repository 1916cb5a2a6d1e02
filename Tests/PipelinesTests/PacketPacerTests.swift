import Pipelines
import Testing

/// `send --streams N --rate R`'s schedule, driven on a simulated clock: deadlines against their
/// definition (stream s's packet k at k / R + s / (N × R)), catch-up in batches when late, and no
/// drift however late each wake-up is.
@Suite struct PacketPacerTests {
    /// 2 streams × 1000 packets/s for 2 s: 4,000 packets, merged packet g due at g × 0.5 ms.
    @Test func deadlinesFollowTheDefinition() throws {
        let pacer = PacketPacer(streams: 2, rate: try PacketRate(parsing: "1000"), duration: .seconds(2))
        #expect(pacer.totalPackets == 4_000)
        for g in [0, 1, 2, 3, 999, 3_999] {
            // Stream g % 2, its packet g / 2: (g / 2) ms + (g % 2) × 0.5 ms.
            let expected = Duration.microseconds((g / 2) * 1_000 + (g % 2) * 500)
            #expect(pacer.deadline(ofPacket: g) == expected, "packet \(g)")
        }
        // 3 streams × 1.5k: packet g at g / 4500 s, i.e. ⌊g × 2,000,000 / 9⌋ ns.
        let odd = PacketPacer(streams: 3, rate: try PacketRate(parsing: "1.5k"), duration: .seconds(1))
        #expect(odd.totalPackets == 4_500)
        for g in [1, 7, 4_499, 1_000_000] {
            #expect(odd.deadline(ofPacket: g) == .nanoseconds(g * 2_000_000 / 9), "packet \(g)")
        }
        // One per 20 ms frame (no --rate), 250 streams for 5 s: 62,500 packets.
        let frames = PacketPacer(streams: 250, onePer: .milliseconds(20), duration: .seconds(5))
        #expect(frames.totalPackets == 62_500)
        #expect(frames.deadline(ofPacket: 251) == .microseconds(20_080))
    }

    /// Woken 10 ms late at 300k packets/s, the pacer hands out all 3,001 due packets at once in
    /// batches of at most 64, then waits: not for the next deadline 3.3 µs on, but for one wake
    /// granularity (200 µs).
    @Test func lateWakeUpSendsWhatIsDueInBatches() throws {
        var pacer = PacketPacer(streams: 1, rate: try PacketRate(parsing: "300k"), duration: .seconds(1), maxBatch: 64)
        #expect(pacer.totalPackets == 300_000)
        var batches: [Int] = []
        let late = Duration.milliseconds(10)
        while case .send(let packets) = pacer.step(at: late) { batches.append(packets) }
        // Deadlines 0, 1/300000 s, …: those ≤ 10 ms are packets 0...3000.
        #expect(batches.reduce(0, +) == 3_001)
        #expect(batches.allSatisfy { $0 <= 64 } && batches.count == 47)
        #expect(pacer.step(at: late) == .wait(until: late + PacketPacer.wakeGranularity))
        #expect(pacer.deadline(ofPacket: 3_001) == .nanoseconds(3_001 * 10_000 / 3))
    }

    /// 1,000 streams × 50 packets/s (a packet every 20 µs): the sender wakes at most once per
    /// granularity (200 µs: 5,000 times a second, not 50,000), no packet leaves early and none
    /// later than the granularity plus the timer's overshoot (up to 300 µs here).
    @Test func aDenseScheduleWakesOncePerGranularity() throws {
        var pacer = PacketPacer(streams: 1_000, rate: try PacketRate(parsing: "50"), duration: .seconds(10))
        #expect(pacer.totalPackets == 500_000)
        var random = SplitMixGenerator(seed: 5)
        var now: Duration = .zero
        var sent = 0
        var wakes = 0
        var worstLateness: Duration = .zero
        var early = 0
        loop: while true {
            switch pacer.step(at: now) {
            case .send(let packets):
                for g in sent..<(sent + packets) {
                    let deadline = pacer.deadline(ofPacket: g)
                    if now < deadline { early += 1 }
                    worstLateness = max(worstLateness, now - deadline)
                }
                sent += packets
            case .wait(let until):
                #expect(until - now >= PacketPacer.wakeGranularity || until == pacer.deadline(ofPacket: sent))
                wakes += 1
                now = until + .nanoseconds(Int64(random.next() % 300_000))
            case .finished:
                break loop
            }
        }
        #expect(sent == 500_000)
        #expect(early == 0)
        #expect(worstLateness < PacketPacer.wakeGranularity + .microseconds(300))
        // At most one wake-up per granularity, at least one per granularity + overshoot.
        let granularity = Double(PacketPacer.wakeGranularity.components.attoseconds) / 1e18
        #expect(Double(wakes) <= 10 / granularity && Double(wakes) > 10 / (granularity + 300e-6), "\(wakes) wake-ups in 10 s")
    }

    /// A million packets (1 stream × 1000 packets/s for 1000 s) with every sleep overshooting by
    /// up to 300 µs: no packet leaves before its deadline or more than one overshoot after it,
    /// and the last is due at exactly 999.999 s — lateness never accumulates.
    @Test func noDriftOverAMillionPackets() throws {
        var pacer = PacketPacer(streams: 1, rate: try PacketRate(parsing: "1k"), duration: .seconds(1_000))
        #expect(pacer.totalPackets == 1_000_000)
        var random = SplitMixGenerator(seed: 17)
        var nowNanoseconds: Int64 = 0
        var sent = 0
        var worstLatenessNanoseconds: Int64 = 0
        var earlyPackets = 0
        loop: while true {
            switch pacer.step(at: .nanoseconds(nowNanoseconds)) {
            case .send(let packets):
                for g in sent..<(sent + packets) {
                    let deadline = Int64(g) * 1_000_000  // g ms, from the definition
                    if nowNanoseconds < deadline { earlyPackets += 1 }
                    worstLatenessNanoseconds = max(worstLatenessNanoseconds, nowNanoseconds - deadline)
                }
                sent += packets
            case .wait(let until):
                let deadline = until.components.seconds * 1_000_000_000 + until.components.attoseconds / 1_000_000_000
                #expect(deadline > nowNanoseconds)
                nowNanoseconds = deadline + Int64(random.next() % 300_000)
            case .finished:
                break loop
            }
        }
        #expect(sent == 1_000_000)
        #expect(earlyPackets == 0)
        #expect(worstLatenessNanoseconds < 300_000)
        #expect(pacer.deadline(ofPacket: 999_999) == .milliseconds(999_999))
    }

    @Test func ratesParseInTheAcceptedForms() throws {
        let cases: [(String, Int64)] = [
            ("50", 50_000), ("300000", 300_000_000), ("300k", 300_000_000), ("1.5k", 1_500_000), ("1khz", 1_000_000),
            ("100hz", 100_000), ("0.5", 500), ("2M", 2_000_000_000), (" 400 ", 400_000),
        ]
        for (text, millihertz) in cases {
            #expect(try PacketRate(parsing: text).millihertz == millihertz, "\(text)")
        }
        #expect(try PacketRate(parsing: "1.5k").description == "1.5k")
        #expect(try PacketRate(parsing: "300000").description == "300k")
        #expect(try PacketRate(parsing: "0.5").description == "0.5")
        for bad in ["", "fast", "0", "-5", "1..5", "0.0001", "20M", "5x", "k"] {
            #expect(throws: PacketRateError.self, "\(bad)") { try PacketRate(parsing: bad) }
        }
        let error = #expect(throws: PacketRateError.self) { try PacketRate(parsing: "fast") }
        #expect("\(error.map { "\($0)" } ?? "")".contains("'fast'"))
        #expect("\(error.map { "\($0)" } ?? "")".contains("300k"))
    }
}

/// SplitMix64, for reproducible overshoots.
private struct SplitMixGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
