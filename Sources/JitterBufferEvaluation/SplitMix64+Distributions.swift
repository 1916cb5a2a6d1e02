import Foundation
import JitterbugSupport

extension SplitMix64 {
    /// Exponential deviate with mean `mean` (same unit as `mean`).
    mutating func exponential(mean: Double) -> Double { -mean * log(1 - nextUnitInterval()) }

    /// Gaussian deviate with mean `mean` and standard deviation `deviation`.
    mutating func gaussian(mean: Double, deviation: Double) -> Double { mean + deviation * nextGaussian() }

    /// Pareto (type I) deviate: scale `minimum` (the smallest value), shape `shape` (> 1 for a
    /// finite mean `shape × minimum / (shape − 1)`).
    mutating func pareto(minimum: Double, shape: Double) -> Double {
        minimum / pow(1 - nextUnitInterval(), 1 / shape)
    }
}
