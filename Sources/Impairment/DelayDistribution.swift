/// How the jitter term spreads a packet's delay around the base `delay` (netem `distribution`).
///
/// The offset added to `delay` always has mean 0 (before clamping at 0) and a spread set by `jitter`:
/// - `uniform`: uniform on [-jitter, +jitter] (netem's default; σ = jitter/√3).
/// - `normal`: Gaussian with σ = jitter.
/// - `pareto`: shifted Pareto with shape α = 3, scaled so σ = jitter and mean 0; heavy right
///   tail, never below -0.577 × jitter. (netem's `pareto` table differs in detail.)
public enum DelayDistribution: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case uniform
    case normal
    case pareto

    /// The shape used for `pareto`; 3 is the smallest integer with finite variance.
    static let paretoShape = 3.0

    /// The spec keyword.
    public var description: String { rawValue }

    /// Draws the signed offset in the same unit as `jitter` (uniform: 1 draw, normal: 2,
    /// pareto: 1). Returns 0 without drawing when `jitter` is 0.
    func sampleOffset(jitter: Double, using generator: inout SeededGenerator) -> Double {
        guard jitter > 0 else { return 0 }
        switch self {
        case .uniform:
            return (generator.nextUnitInterval() * 2 - 1) * jitter
        case .normal:
            return generator.nextStandardNormal() * jitter
        case .pareto:
            // Pareto(x_m, α): mean α x_m/(α-1), σ = x_m √(α/(α-2)) / (α-1). For α = 3:
            // σ = x_m √3 / 2, so x_m = 2σ/√3 and the mean is 1.5 x_m.
            let alpha = Self.paretoShape
            let scale = 2 * jitter / (3.0).squareRoot()
            let mean = alpha * scale / (alpha - 1)
            return generator.nextPareto(shape: alpha) * scale - mean
        }
    }
}
