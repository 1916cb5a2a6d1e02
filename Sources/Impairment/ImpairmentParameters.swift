/// The impairment settings in force at one moment for one direction: the base terms of a
/// `DirectionSpec` with every phase that has started applied on top.
public struct ImpairmentParameters: Sendable, Hashable {
    /// Random loss model. Default `.none`.
    public var loss: LossModel = .none
    /// Base one-way delay added to every packet (not to `reorder`ed ones). Default 0.
    public var delay: Duration = .zero
    /// Spread of the delay around `delay`, see `DelayDistribution`. Default 0.
    public var jitter: Duration = .zero
    /// Shape of the jitter. Default `.uniform` (as netem).
    public var distribution: DelayDistribution = .uniform
    /// When true a packet is never delivered before the previously processed one
    /// (delays are raised to keep order). Default false: jitter reorders packets.
    public var inOrder: Bool = false
    /// Fraction of packets sent immediately, i.e. without `delay`/`jitter` (netem `reorder`;
    /// they still pass the rate limiter). Default 0.
    public var reorder: Probability = .zero
    /// Fraction of packets delivered twice (each copy gets its own delay and corruption draw).
    public var duplicate: Probability = .zero
    /// Fraction of delivered copies with one random bit flipped.
    public var corrupt: Probability = .zero
    /// Serialisation rate of the bottleneck queue. Default unlimited.
    public var rate: RateLimit = .unlimited
    /// Packets that may wait in (or be serialised by) the rate queue; more are dropped with
    /// reason `queue`. Only used with a rate. Default 1000 (netem's default limit). ≥ 1.
    public var queueLimitPackets: Int = 1000

    /// All defaults: no impairment.
    public init() {}

    /// True when these parameters change nothing.
    public var isNeutral: Bool { self == ImpairmentParameters() }

    /// Applies the fields `overrides` sets.
    public mutating func apply(_ overrides: ParameterOverrides) {
        if let v = overrides.loss { loss = v }
        if let v = overrides.delay { delay = v }
        if let v = overrides.jitter { jitter = v }
        if let v = overrides.distribution { distribution = v }
        if let v = overrides.inOrder { inOrder = v }
        if let v = overrides.reorder { reorder = v }
        if let v = overrides.duplicate { duplicate = v }
        if let v = overrides.corrupt { corrupt = v }
        if let v = overrides.rate { rate = v }
        if let v = overrides.queueLimitPackets { queueLimitPackets = v }
    }

    /// Spec terms (without prefixes) for the fields that differ from the defaults, in canonical order.
    var terms: [String] {
        var overrides = ParameterOverrides()
        let defaults = ImpairmentParameters()
        if loss != defaults.loss { overrides.loss = loss }
        if delay != defaults.delay { overrides.delay = delay }
        if jitter != defaults.jitter { overrides.jitter = jitter }
        if distribution != defaults.distribution { overrides.distribution = distribution }
        if inOrder != defaults.inOrder { overrides.inOrder = inOrder }
        if reorder != defaults.reorder { overrides.reorder = reorder }
        if duplicate != defaults.duplicate { overrides.duplicate = duplicate }
        if corrupt != defaults.corrupt { overrides.corrupt = corrupt }
        if rate != defaults.rate { overrides.rate = rate }
        if queueLimitPackets != defaults.queueLimitPackets { overrides.queueLimitPackets = queueLimitPackets }
        return overrides.terms
    }
}
