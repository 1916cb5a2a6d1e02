import JitterbugSupport

/// Decides, packet by packet, what a path does: drop, delay, duplicate, corrupt. Pure and
/// deterministic: time comes in as each packet's send time, randomness from one seeded
/// generator, so the same spec, seed and inputs always give the same decisions.
///
/// Per packet, in this order (later steps are skipped once a packet is dropped):
/// 1. parameters in force at `sendTime` (base + started phases);
/// 2. blackhole window → drop `blackhole` (no random draws);
/// 3. loss: Bernoulli → `random`; Gilbert–Elliott: loss decided by the current state
///    (`burst` in Bad, `random` in Good), then the state transition (netem order);
/// 4. duplicate draw → 1 or 2 copies; then for each copy:
/// 5. rate queue (if a rate is set): a copy arriving while `limit` copies are queued or in
///    serialisation is dropped (`queue` for the original; a duplicate is just not made);
///    otherwise it leaves the link when its serialisation ends: max(arrival, link free) + size·8/rate;
/// 6. reorder draw → deliver at departure; else departure + max(0, delay + jitter offset),
///    raised to the latest earlier delivery when `inorder`;
/// 7. corrupt draw → one uniformly chosen bit of the `sizeBytes` payload.
/// Draws for a probability are only made when it is non-zero.
///
/// Send times should be non-decreasing; earlier times are accepted but queue state is kept.
public struct ImpairmentEngine: Sendable {
    /// The direction's spec this engine runs.
    public let spec: DirectionSpec
    /// The seed the generator was created with (after direction derivation).
    public let seed: UInt64
    /// Packets processed so far; also the index the next packet gets.
    public private(set) var packetsProcessed: Int = 0

    private var generator: SeededGenerator
    private var inBadState = false
    private var linkFreeAt: Duration?
    private var queue = DepartureQueue()
    private var latestDelayedDelivery: Duration?

    /// An engine for one direction with exactly this seed.
    public init(direction spec: DirectionSpec, seed: UInt64) {
        self.spec = spec
        self.seed = seed
        generator = SeededGenerator(seed: seed)
    }

    /// An engine for one direction of a full spec. The seed is `seedOverride`, else the spec's
    /// `seed=`, else 0; `up` uses it as is and `down` a value derived from it by SplitMix64, so
    /// the two directions of a lab draw independent streams from one seed.
    public init(spec: ImpairmentSpec, direction: ImpairmentDirection = .up, seedOverride: UInt64? = nil) {
        let base = seedOverride ?? spec.seed ?? 0
        var mixer = base ^ 0x646F_776E  // "down"
        let seed = direction == .up ? base : SplitMix64.step(&mixer)
        self.init(direction: spec[direction], seed: seed)
    }

    /// Decides the fate of one packet. `sendTime` is on the caller's monotonic axis; `sizeBytes`
    /// is what the rate limiter serialises and the range corruption picks from (negative → 0).
    public mutating func process(sendTime: Duration, sizeBytes: Int) -> ImpairmentDecision {
        let index = packetsProcessed
        packetsProcessed += 1
        let size = max(0, sizeBytes)
        func dropped(_ reason: DropReason) -> ImpairmentDecision {
            ImpairmentDecision(packetIndex: index, sendTime: sendTime, sizeBytes: size, deliveries: [], dropReason: reason)
        }

        let parameters = spec.parameters(at: sendTime)
        if spec.isBlackholed(at: sendTime) { return dropped(.blackhole) }
        if let reason = drawLoss(parameters.loss) { return dropped(reason) }

        let copies = draw(parameters.duplicate) ? 2 : 1
        var deliveries: [ImpairmentDelivery] = []
        for _ in 0..<copies {
            guard let departure = enqueue(sendTime: sendTime, sizeBytes: size, parameters: parameters) else {
                if deliveries.isEmpty { return dropped(.queue) }
                break
            }
            var deliverAt = departure
            if !draw(parameters.reorder) {
                deliverAt = departure + delaySample(parameters)
                if parameters.inOrder, let latest = latestDelayedDelivery, deliverAt < latest {
                    deliverAt = latest
                }
                latestDelayedDelivery = max(latestDelayedDelivery ?? deliverAt, deliverAt)
            }
            var corruption: BitCorruption?
            if size > 0, draw(parameters.corrupt) {
                let byte = generator.nextIndex(below: size)
                let bit = generator.nextIndex(below: 8)
                corruption = BitCorruption(byteIndex: byte, bitMask: UInt8(1) << UInt8(bit))
            }
            deliveries.append(ImpairmentDelivery(deliverAt: deliverAt, corruption: corruption))
        }
        return ImpairmentDecision(packetIndex: index, sendTime: sendTime, sizeBytes: size, deliveries: deliveries, dropReason: nil)
    }

    /// One draw when `probability` is non-zero, none otherwise.
    private mutating func draw(_ probability: Probability) -> Bool {
        guard !probability.isZero else { return false }
        return generator.nextBernoulli(probability.fraction)
    }

    /// The drop reason if the loss model loses this packet.
    private mutating func drawLoss(_ model: LossModel) -> DropReason? {
        switch model {
        case .none:
            return nil
        case .bernoulli(let p):
            return draw(p) ? .random : nil
        case .gilbertElliott, .gilbertElliottMeanBurst:
            guard let chain = model.markovChain else { return nil }
            let wasBad = inBadState
            let lost = generator.nextBernoulli(wasBad ? chain.lossInBad : chain.lossInGood)
            let switches = generator.nextBernoulli(wasBad ? chain.badToGood : chain.goodToBad)
            if switches { inBadState.toggle() }
            return lost ? (wasBad ? .burst : .random) : nil
        }
    }

    /// The time the copy leaves the rate limiter, or nil when the queue is full.
    private mutating func enqueue(sendTime: Duration, sizeBytes: Int, parameters: ImpairmentParameters) -> Duration? {
        guard case .bitsPerSecond = parameters.rate else { return sendTime }
        queue.removeDeparted(by: sendTime)
        guard queue.count < max(1, parameters.queueLimitPackets) else { return nil }
        let start = max(sendTime, linkFreeAt ?? sendTime)
        let departure = start + parameters.rate.serialisationTime(sizeBytes: sizeBytes)
        linkFreeAt = departure
        queue.append(departure)
        return departure
    }

    /// Delay plus jitter offset, clamped at zero, rounded to whole nanoseconds.
    private mutating func delaySample(_ parameters: ImpairmentParameters) -> Duration {
        let delayNanoseconds = Double(parameters.delay.wholeMicroseconds) * 1_000
        let jitterNanoseconds = Double(parameters.jitter.wholeMicroseconds) * 1_000
        let offset = parameters.distribution.sampleOffset(jitter: jitterNanoseconds, using: &generator)
        // Clamp at 0 (netem) and at 10^18 ns (~31 years) so a far Pareto tail cannot overflow Int64.
        let total = min(max(0, delayNanoseconds + offset), 1e18)
        return .nanoseconds(Int64(total.rounded()))
    }
}
