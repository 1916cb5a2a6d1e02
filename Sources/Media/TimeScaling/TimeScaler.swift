/// Time-scale modification of decoded PCM by one pitch period (WSOLA / pitch-synchronous
/// overlap-add, as WebRTC NetEq's "accelerate" and "preemptive expand"): the playout point moves
/// by 2.5–15 ms without a gap or a click, and only where the splice is inaudible.
///
/// The period is the lag (2.5–15 ms, at most half the block) that maximises the normalised
/// cross-correlation between the block's first period and the next one, searched over every lag
/// on a 4 kHz decimated mono mix (as NetEq does), then refined at 12 kHz and at the full rate
/// around that peak only. ``accelerate(_:)`` cross-fades the first
/// period into the second and drops one period; ``preemptiveExpand(_:)`` cross-fades the second
/// period back into the first and so repeats one. Both keep the block's first and last sample,
/// so consecutive blocks stay continuous. A splice is made only when the block is quiet
/// (below ``quietLevelDBFS``: silence, DTX, comfort noise) or the correlation is at least
/// ``correlationThreshold``; otherwise the call declines and says why.
///
/// Samples are interleaved `Int16`. Scratch buffers are allocated once in `init`, so a call on a
/// block no longer than `maximumBlockSamples` per channel allocates nothing (expand grows the
/// caller's array: reserve `maximumBlockSamples + maximumLag` per channel to keep it in place).
public struct TimeScaler: Sendable {
    /// Sample rate, Hz.
    public let sampleRate: Int
    /// Interleaved channels (1 or 2 for Opus).
    public let channels: Int
    /// Longest block analysed, samples per channel: the period search uses at most the first
    /// `maximumBlockSamples` of a longer block (the splice is always within the first two periods).
    public let maximumBlockSamples: Int
    /// Shortest period searched, samples per channel (2.5 ms).
    public let minimumLag: Int
    /// Longest period searched, samples per channel (15 ms; at most half the block is used).
    public let maximumLag: Int
    /// Minimum normalised correlation (0...1) for a splice in audible signal. NetEq uses 0.9.
    public var correlationThreshold: Double = 0.9
    /// Blocks whose RMS level (over the two periods spliced) is below this, dBFS, are spliced
    /// regardless of correlation: silence, DTX and comfort noise.
    public var quietLevelDBFS: Double = -50

    /// Decimation factor of the coarse search: sample rate / 4 kHz, at least 1 (12 at 48 kHz).
    let coarseDecimation: Int
    /// Decimation factor of the middle stage: sample rate / 12 kHz, at least 1 (4 at 48 kHz).
    let middleDecimation: Int
    /// The block's first `2 × maximumLag` frames as a mono mix, then its 12 kHz and 4 kHz sums.
    var mono: [Float]
    var middle: [Float]
    var coarse: [Float]
    /// Normalised correlation of each lag of the 4 kHz search.
    var scores: [Double]
    /// Indices into `scores` of its highest peaks (three: a 2.5 ms period fits up to six times in
    /// 15 ms, but beyond the third the lags are rarely better).
    var peaks: [Int]

    /// Creates a scaler for blocks of up to `maximumBlockSamples` per channel (e.g. 960 for
    /// 20 ms at 48 kHz; 2 × that lets the 15 ms periods be used).
    public init(sampleRate: Int, channels: Int, maximumBlockSamples: Int) {
        self.sampleRate = max(1, sampleRate)
        self.channels = max(1, channels)
        self.maximumBlockSamples = max(0, maximumBlockSamples)
        minimumLag = max(1, self.sampleRate / 400)
        maximumLag = max(minimumLag, self.sampleRate * 15 / 1000)
        coarseDecimation = max(1, self.sampleRate / 4000)
        middleDecimation = max(1, self.sampleRate / 12000)
        mono = [Float](repeating: 0, count: self.maximumBlockSamples)
        middle = [Float](repeating: 0, count: self.maximumBlockSamples / middleDecimation + 1)
        coarse = [Float](repeating: 0, count: self.maximumBlockSamples / coarseDecimation + 1)
        scores = [Double](repeating: 0, count: self.maximumBlockSamples / coarseDecimation + 1)
        peaks = [Int](repeating: 0, count: 3)
    }

    /// Removes one pitch period from `samples` (interleaved) if inaudible; the block gets shorter
    /// by `result.samplesPerChannel × channels` samples, at most `maximumSamples` per channel
    /// (e.g. the excess over a target delay). Declined: `samples` is unchanged.
    public mutating func accelerate(_ samples: inout [Int16], maximumSamples: Int = .max) -> TimeScaleResult {
        let result = search(samples, maximumSamples: maximumSamples)
        guard result.applied else { return result }
        let lag = result.samplesPerChannel
        let frames = samples.count / channels
        let channels = self.channels
        samples.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // y[i] = x[i]·(1−w) + x[i+L]·w over the first period, then x[i+L] (one block move).
            Self.crossFade(base, from: base, into: base + lag * channels, count: lag * channels, channels: channels)
            let tail = (frames - 2 * lag) * channels
            if tail > 0 { (base + lag * channels).update(from: base + 2 * lag * channels, count: tail) }
        }
        samples.removeLast(lag * channels)
        return result
    }

    /// Inserts one pitch period into `samples` (interleaved) if inaudible; the block gets longer
    /// by `result.samplesPerChannel × channels` samples, at most `maximumSamples` per channel
    /// (e.g. the deficit under a target delay). Declined: `samples` is unchanged.
    public mutating func preemptiveExpand(_ samples: inout [Int16], maximumSamples: Int = .max) -> TimeScaleResult {
        let result = search(samples, maximumSamples: maximumSamples)
        guard result.applied else { return result }
        let lag = result.samplesPerChannel
        let frames = samples.count / channels
        let channels = self.channels
        samples.append(contentsOf: repeatElement(0, count: lag * channels))
        samples.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // y[i] = x[i] for i < L; y[L+i] = x[L+i]·(1−w) + x[i]·w for i < L; y[i] = x[i−L] after.
            let tail = (frames - lag) * channels
            if tail > 0 { (base + 2 * lag * channels).update(from: base + lag * channels, count: tail) }
            // Now y[2L...] holds x[L...]; y[L..<2L] still holds x[L..<2L]; x[0..<L] is intact.
            Self.crossFade(
                base + lag * channels, from: base + lag * channels, into: base, count: lag * channels, channels: channels)
        }
        return result
    }
}
