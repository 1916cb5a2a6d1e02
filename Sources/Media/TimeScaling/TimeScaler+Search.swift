import Foundation

extension TimeScaler {
    /// Finds the period to splice in the first `2 × lag` samples per channel of `samples`, and
    /// whether a splice there is inaudible. Allocation-free (uses the preallocated scratch).
    mutating func search(_ samples: [Int16], maximumSamples: Int) -> TimeScaleResult {
        let frames = min(samples.count / channels, maximumBlockSamples)
        let longest = min(maximumLag, frames / 2, maximumSamples)
        guard longest >= minimumLag else { return .declined(.tooShort) }
        let channels = self.channels, decimation = self.decimation
        let span = 2 * longest
        samples.withUnsafeBufferPointer { input in
            mono.withUnsafeMutableBufferPointer { mono in
                for i in 0..<span {
                    var sum: Float = 0
                    for c in 0..<channels { sum += Float(input[i * channels + c]) }
                    mono[i] = sum / Float(channels)
                }
            }
        }
        let coarseCount = span / decimation
        mono.withUnsafeBufferPointer { mono in
            coarse.withUnsafeMutableBufferPointer { coarse in
                for j in 0..<coarseCount {
                    var sum: Float = 0
                    for k in 0..<decimation { sum += mono[j * decimation + k] }
                    coarse[j] = sum / Float(decimation)
                }
            }
        }
        // Coarse search on the decimated mix, then ± one decimation step at the full rate.
        let coarseLag = coarse.withUnsafeBufferPointer { coarse in
            Self.bestLag(
                in: coarse, from: (minimumLag + decimation - 1) / decimation, through: longest / decimation).lag
        }
        let low = max(minimumLag, coarseLag * decimation - decimation)
        let high = min(longest, coarseLag * decimation + decimation)
        let (lag, correlation) = mono.withUnsafeBufferPointer { mono in
            Self.bestLag(in: mono, from: low, through: high)
        }
        let level = mono.withUnsafeBufferPointer { mono in
            var energy: Double = 0
            for i in 0..<(2 * lag) { energy += Double(mono[i]) * Double(mono[i]) }
            return (energy / Double(2 * lag)).squareRoot() / 32768
        }
        if level <= pow(10, quietLevelDBFS / 20) { return .done(lag, correlation: correlation, reason: .quiet) }
        guard correlation >= correlationThreshold else {
            return .declined(.notPeriodic(correlation: correlation), correlation: correlation)
        }
        return .done(lag, correlation: correlation, reason: .periodic)
    }

    /// Lag in `from...through` maximising the normalised correlation of `x[0..<lag]` with
    /// `x[lag..<2·lag]`; silent pairs score 0. Requires `2 × through ≤ x.count`.
    static func bestLag(in x: UnsafeBufferPointer<Float>, from: Int, through: Int) -> (lag: Int, correlation: Double) {
        var best = (lag: max(1, from), correlation: -2.0)
        guard from <= through else { return (best.lag, 0) }
        for lag in from...through where 2 * lag <= x.count {
            var cross: Float = 0, first: Float = 0, second: Float = 0
            for i in 0..<lag {
                let a = x[i], b = x[i + lag]
                cross += a * b
                first += a * a
                second += b * b
            }
            let denominator = (Double(first) * Double(second)).squareRoot()
            let correlation = denominator > 0 ? Double(cross) / denominator : 0
            if correlation > best.correlation { best = (lag, correlation) }
        }
        return best.correlation < -1 ? (best.lag, 0) : best
    }
}
