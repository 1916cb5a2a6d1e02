import JitterbugSupport

/// Synthetic traces: 5 minutes of 20 ms frames each, deterministic (seeded ``SplitMix64``).
extension Trace {
    /// Frames in a synthetic trace: 5 minutes of 20 ms frames.
    package static let syntheticFrames = 15_000
    /// Propagation delay under the jitter of the synthetic traces, ms.
    package static let propagationMilliseconds = 20.0

    /// Every synthetic trace, in table order. `variant` 0 is the table's own traces; another
    /// value draws each trace again from seeds moved by 1,000 × `variant` (`--seeds`).
    package static func synthetic(frames: Int = syntheticFrames, variant: UInt64 = 0) -> [Trace] {
        let shift = 1_000 * variant
        return [
            steady(seed: 1 + shift, frames: frames), gaussian(seed: 6 + shift, frames: frames),
            pareto(seed: 7 + shift, frames: frames), spikes(seed: 2 + shift, frames: frames),
            spikes(seed: 8 + shift, frames: frames, gaussianJitter: true),
            gilbertElliott(seed: 3 + shift, frames: frames), routeChange(seed: 8 + shift, frames: frames),
            reordering(seed: 4 + shift, frames: frames),
            drift(ppm: 500, seed: 5 + shift, frames: frames), drift(ppm: -500, seed: 5 + shift, frames: frames),
        ]
    }

    /// Steady jitter: propagation + exponential queueing delay (mean 8 ms) + 0–4 ms uniform.
    package static func steady(seed: UInt64 = 1, frames: Int = syntheticFrames) -> Trace {
        var random = SplitMix64(seed: seed)
        let delays = (0..<frames).map { _ in
            propagationMilliseconds + random.exponential(mean: 8) + 4 * random.nextUnitInterval()
        }
        return Trace(name: "steady jitter", delayMilliseconds: delays)
    }

    /// Gaussian jitter as the relay applies it: one-way delay 20 ± 8 ms (mean, standard
    /// deviation), clamped at 0 ms; neighbours more than 20 ms apart in delay swap order.
    package static func gaussian(seed: UInt64 = 6, frames: Int = syntheticFrames) -> Trace {
        var random = SplitMix64(seed: seed)
        let delays = (0..<frames).map { _ in max(0, random.gaussian(mean: 20, deviation: 8)) }
        return Trace(name: "Gaussian 20±8 ms", delayMilliseconds: delays)
    }

    /// Heavy-tailed jitter: propagation + Pareto queueing delay (minimum 4 ms, shape 2: mean 8 ms,
    /// infinite variance), capped at 1 s.
    package static func pareto(seed: UInt64 = 7, frames: Int = syntheticFrames) -> Trace {
        var random = SplitMix64(seed: seed)
        let delays = (0..<frames).map { _ in
            propagationMilliseconds + min(1_000, random.pareto(minimum: 4, shape: 2))
        }
        return Trace(name: "Pareto jitter", delayMilliseconds: delays)
    }

    /// Delay spikes: every 8–15 s the path stalls for 100–300 ms and then releases the queue at
    /// once (delay falls back by 20 ms per frame), on top of exponential jitter (mean 3 ms), or
    /// with `gaussianJitter` on top of Gaussian 20 ± 8 ms jitter (`Tools/playout-e2e --spikes`):
    /// then the released packets come in a shuffled order.
    package static func spikes(seed: UInt64 = 2, frames: Int = syntheticFrames, gaussianJitter: Bool = false) -> Trace {
        var random = SplitMix64(seed: seed)
        var delays: [Double] = []
        delays.reserveCapacity(frames)
        var nextSpike = 400 + Int(random.nextUnitInterval() * 350)
        var spikeRemaining = 0.0
        for k in 0..<frames {
            if k == nextSpike {
                spikeRemaining = 100 + 200 * random.nextUnitInterval()
                nextSpike = k + 400 + Int(random.nextUnitInterval() * 350)
            }
            let jitter = gaussianJitter ? max(0, random.gaussian(mean: 20, deviation: 8)) : propagationMilliseconds + random.exponential(mean: 3)
            delays.append(jitter + spikeRemaining)
            spikeRemaining = max(0, spikeRemaining - 20)
        }
        return Trace(name: gaussianJitter ? "delay spikes, Gaussian jitter" : "delay spikes", delayMilliseconds: delays)
    }

    /// Bursty loss: Gilbert–Elliott (good→bad 2 %, bad→good 30 %, loss 0.5 % in good, 70 % in
    /// bad), exponential jitter (mean 5 ms) + 0–3 ms uniform.
    package static func gilbertElliott(seed: UInt64 = 3, frames: Int = syntheticFrames) -> Trace {
        var random = SplitMix64(seed: seed)
        var bad = false
        var lost: [Bool] = []
        var delays: [Double] = []
        for _ in 0..<frames {
            bad = bad ? random.nextUnitInterval() >= 0.30 : random.nextUnitInterval() < 0.02
            lost.append(random.nextUnitInterval() < (bad ? 0.70 : 0.005))
            delays.append(propagationMilliseconds + random.exponential(mean: 5) + 3 * random.nextUnitInterval())
        }
        return Trace(name: "Gilbert-Elliott loss", lost: lost, delayMilliseconds: delays)
    }

    /// Route change: base delay 20 ms, a step up to 80 ms at 100 s and back down to 20 ms at
    /// 200 s (frames after the step down overtake the last ones before it), exponential jitter
    /// (mean 5 ms).
    package static func routeChange(seed: UInt64 = 8, frames: Int = syntheticFrames) -> Trace {
        var random = SplitMix64(seed: seed)
        let delays = (0..<frames).map { k in
            let base = (5_000..<10_000).contains(k) ? 80.0 : propagationMilliseconds
            return base + random.exponential(mean: 5)
        }
        return Trace(name: "route change ±60 ms", delayMilliseconds: delays)
    }

    /// Reordering: 5 % of frames take a path 25–45 ms slower and are overtaken by 1–2 followers;
    /// exponential jitter (mean 3 ms) + 0–2 ms uniform.
    package static func reordering(seed: UInt64 = 4, frames: Int = syntheticFrames) -> Trace {
        var random = SplitMix64(seed: seed)
        let delays = (0..<frames).map { _ in
            let base = propagationMilliseconds + random.exponential(mean: 3) + 2 * random.nextUnitInterval()
            return random.nextUnitInterval() < 0.05 ? base + 25 + 20 * random.nextUnitInterval() : base
        }
        return Trace(name: "reordering", delayMilliseconds: delays)
    }

    /// Sender clock drift of `ppm` (±500 in the table) under exponential jitter (mean 5 ms) +
    /// 0–3 ms uniform.
    package static func drift(ppm: Double, seed: UInt64 = 5, frames: Int = syntheticFrames) -> Trace {
        var random = SplitMix64(seed: seed)
        let delays = (0..<frames).map { _ in
            propagationMilliseconds + random.exponential(mean: 5) + 3 * random.nextUnitInterval()
        }
        let sign = ppm > 0 ? "+" : ""
        return Trace(name: "drift \(sign)\(Int(ppm)) ppm", driftPPM: ppm, delayMilliseconds: delays)
    }
}
