extension TimeScaler {
    /// Lag in `from...through` maximising the normalised correlation of `x[0..<lag]` with
    /// `x[lag..<2·lag]` (see ``forEachLag(in:from:through:_:)``), with that correlation and the
    /// two periods' sum of squares; if no lag fits the correlation and energy are 0.
    static func bestLag(
        in x: UnsafeBufferPointer<Float>, from: Int, through: Int
    ) -> (lag: Int, correlation: Double, energy: Double) {
        var best = (lag: max(1, from), correlation: -2.0, energy: 0.0)
        forEachLag(in: x, from: from, through: through) { lag, cross, firstEnergy, secondEnergy in
            let denominator = (firstEnergy * secondEnergy).squareRoot()
            let correlation = denominator > 0 ? cross / denominator : 0
            if correlation > best.correlation { best = (lag, correlation, firstEnergy + secondEnergy) }
        }
        return best.correlation < -1 ? (best.lag, 0, 0) : best
    }

    /// Calls `body(lag, cross, firstEnergy, secondEnergy)` for each lag in `from...through`
    /// (skipping lags with `2 × lag > x.count`): Σ x[i]·x[i + lag], Σ x[i]² and Σ x[i + lag]² over
    /// i < lag (the energies never negative), from which the normalised correlation of
    /// `x[0..<lag]` with `x[lag..<2·lag]` is cross / √(firstEnergy · secondEnergy).
    ///
    /// Each lag costs one dot product (the cross term): the two energies are computed once for
    /// the first lag and then updated by the three samples that move when the lag grows by one.
    @inline(__always) static func forEachLag(
        in x: UnsafeBufferPointer<Float>, from: Int, through: Int, _ body: (Int, Double, Double, Double) -> Void
    ) {
        let first = max(1, from)
        let last = min(through, x.count / 2)
        guard first <= last, let base = x.baseAddress else { return }
        // firstEnergy = Σ x[0..<lag]², secondEnergy = Σ x[lag..<2·lag]².
        var firstEnergy = Double(dot(base, base, count: first))
        var secondEnergy = Double(dot(base + first, base + first, count: first))
        var lag = first
        while true {
            let cross = Double(dot(base, base + lag, count: lag))
            body(lag, cross, firstEnergy, max(0, secondEnergy))
            guard lag < last else { break }
            // lag → lag + 1: x[lag] moves from the second period to the first; x[2·lag] and
            // x[2·lag + 1] join the second.
            let moved = Double(base[lag]), next = Double(base[2 * lag]), after = Double(base[2 * lag + 1])
            firstEnergy += moved * moved
            secondEnergy += next * next + after * after - moved * moved
            lag += 1
        }
    }

    /// Σ a[i]·b[i] for i < count, sixteen lanes at a time (two independent SIMD8 sums, so the
    /// additions overlap), then eight, then one.
    @inline(__always) static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var low = SIMD8<Float>(), high = SIMD8<Float>()
        var i = 0
        let rawA = UnsafeRawPointer(a), rawB = UnsafeRawPointer(b)
        let stride = MemoryLayout<Float>.stride
        while i + 16 <= count {
            low += rawA.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
            high += rawA.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<Float>.self)
            i += 16
        }
        if i + 8 <= count {
            low += rawA.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
            i += 8
        }
        var total = (low + high).sum()
        while i < count {
            total += a[i] * b[i]
            i += 1
        }
        return total
    }

    /// output[k] = a[k]·(1−w) + b[k]·w with w rising linearly from 1/(n+1) to n/(n+1) over the
    /// n = count / channels frames (the same weight for every channel of a frame), rounded to
    /// the nearest `Int16` (ties to even). `output` may be `a` or `b` but must not otherwise
    /// overlap them: eight samples are read before they are written. Eight samples at a time
    /// when `channels` divides 8 (mono, stereo), one at a time otherwise.
    @inline(__always) static func crossFade(
        _ output: UnsafeMutablePointer<Int16>, from a: UnsafePointer<Int16>, into b: UnsafePointer<Int16>, count: Int,
        channels: Int
    ) {
        let frames = count / channels
        let step = 1 / Float(frames + 1)
        var k = 0
        if 8 % channels == 0 {
            // Frame of sample k + i is k / channels + i / channels when channels divides k.
            var offsets = SIMD8<Float>()
            for i in 0..<8 { offsets[i] = Float(i / channels + 1) }
            let rawA = UnsafeRawPointer(a), rawB = UnsafeRawPointer(b), rawOutput = UnsafeMutableRawPointer(output)
            let stride = MemoryLayout<Int16>.stride
            while k + 8 <= count {
                let x = SIMD8<Float>(rawA.loadUnaligned(fromByteOffset: k * stride, as: SIMD8<Int16>.self))
                let y = SIMD8<Float>(rawB.loadUnaligned(fromByteOffset: k * stride, as: SIMD8<Int16>.self))
                let weight = (Float(k / channels) + offsets) * step
                rawOutput.storeBytes(of: round(x + (y - x) * weight), toByteOffset: k * stride, as: SIMD8<Int16>.self)
                k += 8
            }
        }
        while k < count {
            let x = Float(a[k]), y = Float(b[k])
            let weight = Float(k / channels + 1) * step
            output[k] = round(SIMD8(repeating: x + (y - x) * weight))[0]
            k += 1
        }
    }

    /// 1.5 × 2^23: adding it to a Float of magnitude below 2^22 leaves the value rounded to an
    /// integer (ties to even, the default rounding) in the low bits of the significand.
    static let roundingBias: Float = 12_582_912

    /// Each lane rounded to the nearest integer, ties to even, without a libm call (`rounded()` is
    /// one per sample): the bias trick. Lanes must be within −32768.5...32767.5, as a cross-fade
    /// x + (y − x)·w of two `Int16` values with 0 < w < 1 is (y − x is exact in a Float, and the
    /// two roundings move the result by under 0.01).
    @inline(__always) static func round(_ value: SIMD8<Float>) -> SIMD8<Int16> {
        let biased = unsafeBitCast(value + SIMD8(repeating: roundingBias), to: SIMD8<Int32>.self)
        return SIMD8<Int16>(truncatingIfNeeded: biased &- SIMD8(repeating: Int32(bitPattern: roundingBias.bitPattern)))
    }
}
