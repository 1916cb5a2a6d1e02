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
                if channels == 1 {
                    for i in 0..<span { mono[i] = Float(input[i]) }
                    return
                }
                let scale = 1 / Float(channels)
                for i in 0..<span {
                    var sum: Float = 0
                    for c in 0..<channels { sum += Float(input[i * channels + c]) }
                    mono[i] = sum * scale
                }
            }
        }
        let coarseCount = span / decimation
        mono.withUnsafeBufferPointer { mono in
            coarse.withUnsafeMutableBufferPointer { coarse in
                let scale = 1 / Float(decimation)
                for j in 0..<coarseCount {
                    var sum: Float = 0
                    for k in 0..<decimation { sum += mono[j * decimation + k] }
                    coarse[j] = sum * scale
                }
            }
        }
        // Coarse search on the decimated mix, then ± one decimation step at the full rate.
        let coarseLag = coarse.withUnsafeBufferPointer { coarse in
            energies.withUnsafeMutableBufferPointer { energies in
                Self.bestLag(
                    in: UnsafeBufferPointer(rebasing: coarse[0..<coarseCount]), energies: energies,
                    from: (minimumLag + decimation - 1) / decimation, through: longest / decimation
                ).lag
            }
        }
        let low = max(minimumLag, coarseLag * decimation - decimation)
        let high = min(longest, coarseLag * decimation + decimation)
        // A few lags at the full rate: three dot products each beat one long running sum.
        let (lag, correlation, energy) = mono.withUnsafeBufferPointer { mono in
            let refined = Self.bestLag(in: UnsafeBufferPointer(rebasing: mono[0..<span]), from: low, through: high)
            let energy = mono.baseAddress.map { Double(Self.dot($0, $0, count: 2 * refined.lag)) } ?? 0
            return (refined.lag, refined.correlation, energy)
        }
        let level = (energy / Double(2 * lag)).squareRoot() / 32768
        if level <= pow(10, quietLevelDBFS / 20) { return .done(lag, correlation: correlation, reason: .quiet) }
        guard correlation >= correlationThreshold else {
            return .declined(.notPeriodic(correlation: correlation), correlation: correlation)
        }
        return .done(lag, correlation: correlation, reason: .periodic)
    }

    /// Lag in `from...through` maximising the normalised correlation of `x[0..<lag]` with
    /// `x[lag..<2·lag]`; silent pairs score 0. Lags with `2 × lag > x.count` are skipped.
    /// `energies` (at least `x.count + 1` long) is scratch for the running sums of squares, so
    /// each lag costs one dot product.
    static func bestLag(
        in x: UnsafeBufferPointer<Float>, energies: UnsafeMutableBufferPointer<Double>, from: Int, through: Int
    ) -> (lag: Int, correlation: Double) {
        var best = (lag: max(1, from), correlation: -2.0)
        let last = min(through, x.count / 2)
        guard from <= last, let base = x.baseAddress else { return (best.lag, 0) }
        energies[0] = 0
        var sum = 0.0
        for i in 0..<(2 * last) {
            sum += Double(x[i]) * Double(x[i])
            energies[i + 1] = sum
        }
        for lag in from...last {
            let cross = Double(dot(base, base + lag, count: lag))
            let first = energies[lag], second = energies[2 * lag] - energies[lag]
            let denominator = (first * max(0, second)).squareRoot()
            let correlation = denominator > 0 ? cross / denominator : 0
            if correlation > best.correlation { best = (lag, correlation) }
        }
        return best.correlation < -1 ? (best.lag, 0) : best
    }

    /// ``bestLag(in:energies:from:through:)`` with each lag's energies as dot products: for a
    /// short range of lags over a long signal.
    static func bestLag(in x: UnsafeBufferPointer<Float>, from: Int, through: Int) -> (lag: Int, correlation: Double) {
        var best = (lag: max(1, from), correlation: -2.0)
        let last = min(through, x.count / 2)
        guard from <= last, let base = x.baseAddress else { return (best.lag, 0) }
        for lag in from...last {
            let cross = Double(dot(base, base + lag, count: lag))
            let first = Double(dot(base, base, count: lag))
            let second = Double(dot(base + lag, base + lag, count: lag))
            let denominator = (first * second).squareRoot()
            let correlation = denominator > 0 ? cross / denominator : 0
            if correlation > best.correlation { best = (lag, correlation) }
        }
        return best.correlation < -1 ? (best.lag, 0) : best
    }

    /// Σ a[i]·b[i] for i < count, eight lanes at a time.
    @inline(__always) static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD8<Float>()
        var i = 0
        let rawA = UnsafeRawPointer(a), rawB = UnsafeRawPointer(b)
        let stride = MemoryLayout<Float>.stride
        while i + 8 <= count {
            let va = rawA.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
            let vb = rawB.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
            lanes += va * vb
            i += 8
        }
        var total = lanes.sum()
        while i < count {
            total += a[i] * b[i]
            i += 1
        }
        return total
    }
}
