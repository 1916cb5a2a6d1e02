extension TelemetryRate: CustomStringConvertible {
    /// E.g. `100hz`, `0.5hz`, `1000hz` — the canonical form `init(parsing:)` accepts.
    public var description: String {
        let whole = millihertz / 1000
        let fraction = millihertz % 1000
        guard fraction != 0 else { return "\(whole)hz" }
        var decimals = String(fraction)
        decimals = String(repeating: "0", count: 3 - decimals.count) + decimals
        while decimals.hasSuffix("0") { decimals.removeLast() }
        return "\(whole).\(decimals)hz"
    }
}
