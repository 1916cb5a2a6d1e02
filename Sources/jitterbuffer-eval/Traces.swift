import Foundation

/// Deterministic pseudo-random numbers (64-bit LCG + xorshift output) so every run is identical.
struct TraceRandom {
    var state: UInt64
    mutating func unit() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var x = state
        x ^= x >> 29
        return Double(x >> 11) / Double(1 << 53)
    }
    /// Exponential with the given mean.
    mutating func exponential(mean: Double) -> Double { -mean * log(max(1e-12, 1 - unit())) }
}

/// One synthetic network trace: per frame k, whether the network lost it and its one-way delay (ms).
struct Trace {
    var name: String
    var driftPPM: Double = 0
    var lost: [Bool]
    var delayMilliseconds: [Double]
    /// The delay no buffer can remove (propagation), excluded in the "ratio excl. propagation" column.
    var baseDelayMilliseconds: Double = Trace.propagationMilliseconds

    /// Sender time of frame k in ms on the receiver's clock (a fast sender clock sends more often).
    func sendMilliseconds(_ k: Int) -> Double { Double(k) * 20 / (1 + driftPPM / 1e6) }

    static let frames = 15_000  // 5 minutes of 20 ms frames
    static let propagationMilliseconds = 20.0

    /// Steady jitter: exponential queueing delay, mean 8 ms, plus 0–4 ms uniform.
    static func steady(seed: UInt64 = 1) -> Trace {
        var random = TraceRandom(state: seed)
        let delays = (0..<frames).map { _ in propagationMilliseconds + random.exponential(mean: 8) + 4 * random.unit() }
        return Trace(name: "steady jitter", lost: Array(repeating: false, count: frames), delayMilliseconds: delays)
    }

    /// Delay spikes: every 8–15 s the path stalls for 100–300 ms and then releases the queue at
    /// once (delay falls back by 20 ms per frame), on top of mild jitter.
    static func spikes(seed: UInt64 = 2) -> Trace {
        var random = TraceRandom(state: seed)
        var delays: [Double] = []
        var nextSpike = 400 + Int(random.unit() * 350)
        var spikeRemaining = 0.0
        for k in 0..<frames {
            if k == nextSpike {
                spikeRemaining = 100 + 200 * random.unit()
                nextSpike = k + 400 + Int(random.unit() * 350)
            }
            delays.append(propagationMilliseconds + random.exponential(mean: 3) + spikeRemaining)
            spikeRemaining = max(0, spikeRemaining - 20)
        }
        return Trace(name: "delay spikes", lost: Array(repeating: false, count: frames), delayMilliseconds: delays)
    }

    /// Bursty loss: Gilbert–Elliott (good→bad 2 %, bad→good 30 %, loss 0.5 % good / 70 % bad), moderate jitter.
    static func gilbertElliott(seed: UInt64 = 3) -> Trace {
        var random = TraceRandom(state: seed)
        var bad = false
        var lost: [Bool] = []
        var delays: [Double] = []
        for _ in 0..<frames {
            bad = bad ? random.unit() >= 0.30 : random.unit() < 0.02
            lost.append(random.unit() < (bad ? 0.70 : 0.005))
            delays.append(propagationMilliseconds + random.exponential(mean: 5) + 3 * random.unit())
        }
        return Trace(name: "Gilbert-Elliott loss", lost: lost, delayMilliseconds: delays)
    }

    /// Reordering: 5 % of frames take a path 25–45 ms slower and are overtaken by 1–2 followers.
    static func reordering(seed: UInt64 = 4) -> Trace {
        var random = TraceRandom(state: seed)
        let delays = (0..<frames).map { _ in
            let base = propagationMilliseconds + random.exponential(mean: 3) + 2 * random.unit()
            return random.unit() < 0.05 ? base + 25 + 20 * random.unit() : base
        }
        return Trace(name: "reordering", lost: Array(repeating: false, count: frames), delayMilliseconds: delays)
    }

    /// Clock drift of the sender (±500 ppm) under moderate jitter.
    static func drift(ppm: Double, seed: UInt64 = 5) -> Trace {
        var random = TraceRandom(state: seed)
        let delays = (0..<frames).map { _ in propagationMilliseconds + random.exponential(mean: 5) + 3 * random.unit() }
        return Trace(
            name: "drift \(ppm > 0 ? "+" : "")\(Int(ppm)) ppm", driftPPM: ppm,
            lost: Array(repeating: false, count: frames), delayMilliseconds: delays)
    }
}
