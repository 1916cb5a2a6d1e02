import Foundation

/// ITU-T G.107 E-model (narrowband, 3.1 kHz scale), simplified to the terms a receiver can
/// measure: R = R0 − Is − Id − Ie,eff + A, with Ro − Is = 93.2 (G.107 default parameter values),
/// Id = Idd (Idte/Idle are negligible with the default echo/loudness parameters), and
/// Ie,eff = Ie + (95 − Ie) · Ppl / (Ppl / BurstR + Bpl).
///
/// Loss must be counted once: pass effective loss = network loss + late (jitter-buffer) loss.
public enum EModel {
    /// Ro − Is with all G.107 default parameters (Ro ≈ 94.77, Is ≈ 1.41 → 93.2 as usually quoted).
    public static let defaultBasicSignalToNoiseRating = 93.2

    /// G.107 mT: delay (ms) below which Idd is 0.
    public static let delayThresholdMilliseconds = 100.0

    /// G.107 delay impairment Idd for absolute one-way mouth-to-ear delay `Ta` (ms).
    /// 0 for Ta ≤ 100 ms; otherwise 25·[(1 + X⁶)^(1/6) − 3·(1 + (X/3)⁶)^(1/6) + 2], X = log2(Ta/100).
    public static func delayImpairment(oneWayDelayMilliseconds: Double) -> Double {
        let delay = sanitized(oneWayDelayMilliseconds)
        guard delay > delayThresholdMilliseconds else { return 0 }
        let x = log2(delay / delayThresholdMilliseconds)
        let first = pow(1 + pow(x, 6), 1.0 / 6)
        let second = 3 * pow(1 + pow(x / 3, 6), 1.0 / 6)
        return 25 * (first - second + 2)
    }

    /// Effective equipment impairment Ie,eff (G.107 eq. 7-29).
    /// - Parameters:
    ///   - codec: Ie and Bpl of the codec (+ PLC).
    ///   - packetLossPercent: Ppl, effective loss 0...100 % (clamped).
    ///   - burstRatio: BurstR ≥ 1 for bursty loss, 1 for random loss (values < 1 are allowed by
    ///     G.107 for "smoother than random"; non-positive values are treated as 1).
    public static func effectiveEquipmentImpairment(
        codec: CodecImpairment, packetLossPercent: Double, burstRatio: Double = 1
    ) -> Double {
        let loss = min(100, sanitized(packetLossPercent))
        let ratio = burstRatio.isFinite && burstRatio > 0 ? burstRatio : 1
        let denominator = loss / ratio + codec.packetLossRobustness
        guard denominator > 0 else { return codec.equipmentImpairment }
        return codec.equipmentImpairment + (95 - codec.equipmentImpairment) * loss / denominator
    }

    /// Transmission rating R (narrowband scale, 0...~100).
    /// - Parameters:
    ///   - oneWayDelayMilliseconds: mouth-to-ear delay Ta in ms (network + jitter buffer + codec).
    ///   - packetLossPercent: effective loss Ppl in percent (network + late), 0...100.
    ///   - burstRatio: G.107 BurstR (1 = random loss); see `burstRatio(goodToBad:badToGood:)`.
    ///   - codec: codec impairment values.
    ///   - advantageFactor: A (0 for wired; G.107 allows up to 20).
    public static func rFactor(
        oneWayDelayMilliseconds: Double,
        packetLossPercent: Double,
        burstRatio: Double = 1,
        codec: CodecImpairment,
        advantageFactor: Double = 0
    ) -> Double {
        defaultBasicSignalToNoiseRating
            - delayImpairment(oneWayDelayMilliseconds: oneWayDelayMilliseconds)
            - effectiveEquipmentImpairment(codec: codec, packetLossPercent: packetLossPercent, burstRatio: burstRatio)
            + sanitized(advantageFactor)
    }

    /// MOS (conversational quality estimate, 1...4.5) from R per G.107 Annex B:
    /// 1 for R < 0; 1 + 0.035R + R(R − 60)(100 − R)·7·10⁻⁶ for 0 < R < 100; 4.5 for R ≥ 100.
    public static func mos(rFactor: Double) -> Double {
        guard rFactor.isFinite, rFactor > 0 else { return 1 }
        guard rFactor < 100 else { return 4.5 }
        return 1 + 0.035 * rFactor + rFactor * (rFactor - 60) * (100 - rFactor) * 7e-6
    }

    /// G.107 BurstR = 1 / (p + r) for a two-state Markov loss model with p = P(loss | received)
    /// and r = P(received | loss). Returns 1 (random) when p + r is 0 or not finite.
    public static func burstRatio(goodToBadProbability p: Double, badToGoodProbability r: Double) -> Double {
        let sum = p + r
        guard sum.isFinite, sum > 0 else { return 1 }
        return 1 / sum
    }

    /// Non-finite and negative inputs count as 0 (never trap on measured data).
    private static func sanitized(_ value: Double) -> Double {
        value.isFinite && value > 0 ? value : 0
    }
}
