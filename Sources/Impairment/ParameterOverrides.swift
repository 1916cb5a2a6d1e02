/// A partial `ImpairmentParameters`: the fields one phase (`at=T:...`) sets. `nil` = unchanged.
public struct ParameterOverrides: Sendable, Hashable {
    public var loss: LossModel?
    public var delay: Duration?
    public var jitter: Duration?
    public var distribution: DelayDistribution?
    /// Only `true` can be written in a spec (`inorder`); there is no term to switch it off.
    public var inOrder: Bool?
    public var reorder: Probability?
    public var duplicate: Probability?
    public var corrupt: Probability?
    public var rate: RateLimit?
    public var queueLimitPackets: Int?

    /// Nothing overridden.
    public init() {}

    /// True when no field is set.
    public var isEmpty: Bool { self == ParameterOverrides() }

    /// Merges `other` in; fields `other` sets win.
    public mutating func merge(_ other: ParameterOverrides) {
        if let v = other.loss { loss = v }
        if let v = other.delay { delay = v }
        if let v = other.jitter { jitter = v }
        if let v = other.distribution { distribution = v }
        if let v = other.inOrder { inOrder = v }
        if let v = other.reorder { reorder = v }
        if let v = other.duplicate { duplicate = v }
        if let v = other.corrupt { corrupt = v }
        if let v = other.rate { rate = v }
        if let v = other.queueLimitPackets { queueLimitPackets = v }
    }

    /// Spec terms (without prefixes) for the set fields, in canonical order.
    var terms: [String] {
        var terms: [String] = []
        if let v = loss { terms.append("loss=\(v)") }
        if let v = delay { terms.append("delay=\(SpecFormatting.duration(v))") }
        if let v = jitter { terms.append("jitter=\(SpecFormatting.duration(v))") }
        if let v = distribution { terms.append("dist=\(v)") }
        if inOrder == true { terms.append("inorder") }
        if let v = reorder { terms.append("reorder=\(v)") }
        if let v = duplicate { terms.append("duplicate=\(v)") }
        if let v = corrupt { terms.append("corrupt=\(v)") }
        if let v = rate { terms.append("rate=\(v)") }
        if let v = queueLimitPackets { terms.append("limit=\(v)") }
        return terms
    }
}
