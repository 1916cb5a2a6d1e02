/// How packets are lost at random (netem `loss random` / `loss gemodel`).
public enum LossModel: Sendable, Hashable, CustomStringConvertible {
    /// No random loss (`loss=0%`).
    case none
    /// Independent loss with this probability per packet (`loss=P%`).
    case bernoulli(Probability)
    /// Simple Gilbert model given by its stationary loss rate and mean burst length in packets
    /// (`loss=ge:P%/B`): every packet in Bad is lost (netem 1-h = 100 %), none in Good
    /// (netem 1-k = 0 %), r = 1/B and p = r·L/(1-L), so the stationary loss is
    /// p/(p+r) = L and a loss burst (a stay in Bad) lasts B packets on average.
    /// Limits: 0 < L < 100 %, B ≥ 1, and L ≤ B/(B+1) so that p ≤ 1.
    case gilbertElliottMeanBurst(loss: Probability, meanBurstPackets: Double)
    /// Four-parameter Gilbert–Elliott (`loss=ge:p=P%/r=R%/bad=X%/good=Y%`).
    case gilbertElliott(GilbertElliottParameters)

    /// Gilbert–Elliott parameters of the raw form. Names follow netem `loss gemodel p r 1-h 1-k`.
    public struct GilbertElliottParameters: Sendable, Hashable {
        /// P(Good → Bad) per packet.
        public var goodToBad: Probability
        /// P(Bad → Good) per packet.
        public var badToGood: Probability
        /// Loss probability while in Bad (netem 1-h). Default 100 %.
        public var lossInBad: Probability
        /// Loss probability while in Good (netem 1-k). Default 0 %.
        public var lossInGood: Probability

        public init(
            goodToBad: Probability, badToGood: Probability,
            lossInBad: Probability = .one, lossInGood: Probability = .zero
        ) {
            self.goodToBad = goodToBad
            self.badToGood = badToGood
            self.lossInBad = lossInBad
            self.lossInGood = lossInGood
        }
    }

    /// The transition and loss probabilities (fractions) the engine runs, for either GE form.
    /// `nil` for `none` and `bernoulli`.
    public var markovChain: (goodToBad: Double, badToGood: Double, lossInBad: Double, lossInGood: Double)? {
        switch self {
        case .none, .bernoulli:
            return nil
        case .gilbertElliottMeanBurst(let loss, let burst):
            let r = 1 / burst
            let p = r * loss.fraction / (1 - loss.fraction)
            return (p, r, 1, 0)
        case .gilbertElliott(let g):
            return (g.goodToBad.fraction, g.badToGood.fraction, g.lossInBad.fraction, g.lossInGood.fraction)
        }
    }

    /// The spec value after `loss=`.
    public var description: String {
        switch self {
        case .none:
            return "0%"
        case .bernoulli(let p):
            return p.description
        case .gilbertElliottMeanBurst(let loss, let burst):
            let milli = Int(exactly: (burst * 1000).rounded()) ?? 0  // finite for parsed specs
            return "ge:\(loss)/\(SpecFormatting.fixedPoint(milli, fractionDigits: 3))"
        case .gilbertElliott(let g):
            return "ge:p=\(g.goodToBad)/r=\(g.badToGood)/bad=\(g.lossInBad)/good=\(g.lossInGood)"
        }
    }
}
