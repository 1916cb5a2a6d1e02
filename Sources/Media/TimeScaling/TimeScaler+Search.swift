import Foundation

// The period search, coarse to fine, as WebRTC NetEq does it (modules/audio_coding/neteq/
// time_stretch.cc, TimeStretch::Process: DspHelper::DownsampleTo4kHz, then the correlation over
// all lags at 4 kHz, CrossCorrelationWithAutoShift, and DspHelper::PeakDetection). NetEq stops
// there (a parabolic fit on the 4 kHz peak gives the lag); this search instead refines the three
// highest 4 kHz peaks at 12 kHz (± one 4 kHz sample) and then at the full rate (± one 12 kHz
// sample), so the lag is the full-rate best near a coarse peak: an off-by-a-few-samples lag
// would add a step of its own to a pure tone at every splice. Checked against an exhaustive
// full-rate search in TimeScalerSearchTests.

extension TimeScaler {
    /// Finds the period to splice in the first `2 × lag` samples per channel of `samples`, and
    /// whether a splice there is inaudible. Allocation-free (uses the preallocated scratch).
    mutating func search(_ samples: [Int16], maximumSamples: Int) -> TimeScaleResult {
        let frames = min(samples.count / channels, maximumBlockSamples)
        let longest = min(maximumLag, frames / 2, maximumSamples)
        guard longest >= minimumLag else { return .declined(.tooShort) }
        let span = 2 * longest
        let coarseFactor = coarseDecimation, middleFactor = middleDecimation
        mixToMono(samples, count: span)
        // Every stage works on sums of `factor` samples (not means: the scale cancels out of a
        // normalised correlation). The 4 kHz signal is summed from the 12 kHz one when it can be.
        let middleCount = span / middleFactor, coarseCount = span / coarseFactor
        mono.withUnsafeBufferPointer { mono in
            middle.withUnsafeMutableBufferPointer { middle in
                Self.decimate(mono.baseAddress, by: middleFactor, count: middleCount, into: middle.baseAddress)
            }
        }
        if coarseFactor % middleFactor == 0 {
            middle.withUnsafeBufferPointer { middle in
                coarse.withUnsafeMutableBufferPointer { coarse in
                    Self.decimate(
                        middle.baseAddress, by: coarseFactor / middleFactor, count: coarseCount, into: coarse.baseAddress)
                }
            }
        } else {
            mono.withUnsafeBufferPointer { mono in
                coarse.withUnsafeMutableBufferPointer { coarse in
                    Self.decimate(mono.baseAddress, by: coarseFactor, count: coarseCount, into: coarse.baseAddress)
                }
            }
        }
        // 1. Every lag at 4 kHz (10...60 at most: 2.5–15 ms); keep its highest peaks (several
        // multiples of a short period can fit, and the best is not always the first).
        let from = Self.ceilingDivide(minimumLag, coarseFactor), through = longest / coarseFactor
        let peakCount = coarse.withUnsafeBufferPointer { coarse in
            scores.withUnsafeMutableBufferPointer { scores in
                var count = 0
                Self.forEachLag(in: UnsafeBufferPointer(rebasing: coarse[0..<coarseCount]), from: from, through: through) {
                    _, cross, firstEnergy, secondEnergy in
                    let denominator = (firstEnergy * secondEnergy).squareRoot()
                    scores[count] = denominator > 0 ? cross / denominator : 0
                    count += 1
                }
                return peaks.withUnsafeMutableBufferPointer { peaks in
                    Self.highestPeaks(UnsafeBufferPointer(rebasing: scores[0..<count]), into: peaks)
                }
            }
        }
        // 2. Around each: ± one 4 kHz sample at 12 kHz; 3. ± one 12 kHz sample at the full rate
        // around the highest, and around the others unless clearly worse at 12 kHz.
        var middleBest = refineMiddle(coarseLag: from + (peakCount > 0 ? peaks[0] : 0), span: span, longest: longest)
        var refined = refineFull(middleLag: middleBest.lag, span: span, longest: longest)
        for k in 1..<max(1, peakCount) {
            let candidate = refineMiddle(coarseLag: from + peaks[k], span: span, longest: longest)
            guard candidate.correlation > middleBest.correlation - Self.peakMargin else { continue }
            if candidate.correlation > middleBest.correlation { middleBest = candidate }
            let other = refineFull(middleLag: candidate.lag, span: span, longest: longest)
            if other.correlation > refined.correlation { refined = other }
        }
        let lag = refined.lag, correlation = refined.correlation
        let level = (refined.energy / Double(2 * lag)).squareRoot() / 32768
        if level <= pow(10, quietLevelDBFS / 20) { return .done(lag, correlation: correlation, reason: .quiet) }
        guard correlation >= correlationThreshold else {
            return .declined(.notPeriodic(correlation: correlation), correlation: correlation)
        }
        return .done(lag, correlation: correlation, reason: .periodic)
    }

    /// ⌈a / b⌉ for a ≥ 0, b > 0.
    @inline(__always) static func ceilingDivide(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }

    /// Writes the first `count` frames of the interleaved `samples` to `mono` as `Float`, the
    /// channels averaged.
    mutating func mixToMono(_ samples: [Int16], count: Int) {
        let channels = self.channels
        samples.withUnsafeBufferPointer { input in
            mono.withUnsafeMutableBufferPointer { mono in
                guard let source = input.baseAddress, let target = mono.baseAddress else { return }
                if channels == 1 {
                    for i in 0..<count { target[i] = Float(source[i]) }
                    return
                }
                let scale = 1 / Float(channels)
                for i in 0..<count {
                    var sum: Float = 0
                    for c in 0..<channels { sum += Float(source[i * channels + c]) }
                    target[i] = sum * scale
                }
            }
        }
    }

    /// output[j] = Σ input[j·factor ..< (j+1)·factor] for j < count: a boxcar low-pass and
    /// decimation (its first zero at the output rate, so it is a better anti-alias filter than
    /// NetEq's 7 taps at 48 kHz; the search only needs the low harmonics).
    static func decimate(
        _ input: UnsafePointer<Float>?, by factor: Int, count: Int, into output: UnsafeMutablePointer<Float>?
    ) {
        guard let input, let output else { return }
        switch factor {
        case 1: output.update(from: input, count: count)
        case 3:
            for j in 0..<count { output[j] = input[3 * j] + input[3 * j + 1] + input[3 * j + 2] }
        case 4:
            // Four outputs from four SIMD4 loads: a 4 × 4 transpose by sums.
            let raw = UnsafeRawPointer(input)
            let stride = MemoryLayout<Float>.stride
            var j = 0
            while j + 4 <= count {
                let a = raw.loadUnaligned(fromByteOffset: (4 * j) * stride, as: SIMD4<Float>.self)
                let b = raw.loadUnaligned(fromByteOffset: (4 * j + 4) * stride, as: SIMD4<Float>.self)
                let c = raw.loadUnaligned(fromByteOffset: (4 * j + 8) * stride, as: SIMD4<Float>.self)
                let d = raw.loadUnaligned(fromByteOffset: (4 * j + 12) * stride, as: SIMD4<Float>.self)
                let sums = SIMD4(a.sum(), b.sum(), c.sum(), d.sum())
                UnsafeMutableRawPointer(output).storeBytes(of: sums, toByteOffset: j * stride, as: SIMD4<Float>.self)
                j += 4
            }
            while j < count {
                output[j] = input[4 * j] + input[4 * j + 1] + input[4 * j + 2] + input[4 * j + 3]
                j += 1
            }
        default:
            for j in 0..<count {
                var sum: Float = 0
                for k in 0..<factor { sum += input[j * factor + k] }
                output[j] = sum
            }
        }
    }

    /// How much lower (in normalised correlation) a peak of the 4 kHz search may score at 12 kHz
    /// than the best so far and still be refined at the full rate.
    static var peakMargin: Double { 0.05 }

    /// The best 12 kHz lag near `coarseLag` (at 4 kHz), within `minimumLag...longest` at the full
    /// rate.
    func refineMiddle(coarseLag: Int, span: Int, longest: Int) -> (lag: Int, correlation: Double, energy: Double) {
        Self.refine(
            middle, count: span / middleDecimation, around: coarseLag, scale: coarseDecimation,
            factor: middleDecimation, shortest: minimumLag, longest: longest)
    }

    /// The best full-rate lag near `middleLag` (at 12 kHz), within `minimumLag...longest`.
    func refineFull(middleLag: Int, span: Int, longest: Int) -> (lag: Int, correlation: Double, energy: Double) {
        Self.refine(
            mono, count: span, around: middleLag, scale: middleDecimation, factor: 1, shortest: minimumLag,
            longest: longest)
    }

    /// Writes the indices of the highest local maxima of `scores` to `peaks`, highest first (an
    /// end counts if it is not below its one neighbour; of equal scores the first wins), and
    /// returns how many it wrote (at most `peaks.count`; 0 only when `scores` is empty).
    static func highestPeaks(_ scores: UnsafeBufferPointer<Double>, into peaks: UnsafeMutableBufferPointer<Int>) -> Int {
        var found = 0
        for i in scores.indices {
            let score = scores[i]
            // The first of equal values counts (a run of silent pairs scores 0 throughout).
            guard i == 0 || score > scores[i - 1], i == scores.count - 1 || score >= scores[i + 1] else { continue }
            // Insert into the sorted list, dropping the lowest when full.
            var slot = found
            while slot > 0 && scores[peaks[slot - 1]] < score { slot -= 1 }
            guard slot < peaks.count else { continue }
            var move = min(found, peaks.count - 1)
            while move > slot {
                peaks[move] = peaks[move - 1]
                move -= 1
            }
            peaks[slot] = i
            found = min(found + 1, peaks.count)
        }
        return found
    }

    /// The best lag of `signal[0..<count]` (sampled at 1/`factor` of the full rate) within
    /// ± ⌈`scale` / `factor`⌉ of `lag` × `scale` / `factor` (a lag found at 1/`scale` of the full
    /// rate), kept within the full-rate `shortest...longest`; `energy` is the sum of squares of
    /// the two periods at that lag.
    static func refine(
        _ signal: [Float], count: Int, around lag: Int, scale: Int, factor: Int, shortest: Int, longest: Int
    ) -> (lag: Int, correlation: Double, energy: Double) {
        let radius = ceilingDivide(scale, factor)
        let center = lag * scale / factor
        let low = max(ceilingDivide(shortest, factor), center - radius)
        let high = min(longest / factor, center + radius)
        return signal.withUnsafeBufferPointer { signal in
            bestLag(in: UnsafeBufferPointer(rebasing: signal[0..<count]), from: low, through: high)
        }
    }
}
