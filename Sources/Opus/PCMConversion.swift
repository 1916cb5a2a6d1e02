/// Pure helpers for 16-bit ↔ Float samples and channel (de)interleaving.
public enum PCMConversion {
    /// Int16 → Float: `sample / 32768`, so -32768 maps to exactly -1.0 and 32767 to 0.99997.
    public static func float(fromInt16 samples: [Int16]) -> [Float] {
        samples.map { Float($0) / 32_768 }
    }

    /// Float → Int16: `sample × 32768`, rounded to nearest, clamped to -32768 ... 32767
    /// (values beyond ±1 clip instead of wrapping; NaN becomes 0).
    public static func int16(fromFloat samples: [Float]) -> [Int16] {
        samples.map { sample in
            guard !sample.isNaN else { return 0 }
            let scaled = (sample * 32_768).rounded()
            return Int16(min(max(scaled, -32_768), 32_767))
        }
    }

    /// Interleaves per-channel buffers of equal length into L R L R ... order.
    /// - Throws: `PCMConversionError` if there are no channels or the lengths differ.
    public static func interleave<Sample>(_ channels: [[Sample]]) throws(PCMConversionError) -> [Sample] {
        guard let first = channels.first else { throw .noChannels }
        let frameCount = first.count
        for (index, channel) in channels.enumerated() where channel.count != frameCount {
            throw .channelLengthMismatch(channel: index, count: channel.count, expected: frameCount)
        }
        var output: [Sample] = []
        output.reserveCapacity(frameCount * channels.count)
        for frame in 0..<frameCount {
            for channel in channels {
                output.append(channel[frame])
            }
        }
        return output
    }

    /// Splits interleaved samples into `channelCount` buffers.
    /// - Throws: `PCMConversionError` if `channelCount < 1` or the sample count is not a multiple.
    public static func deinterleave<Sample>(_ samples: [Sample], channelCount: Int) throws(PCMConversionError) -> [[Sample]] {
        guard channelCount >= 1 else { throw .noChannels }
        guard samples.count % channelCount == 0 else {
            throw .sampleCountNotMultiple(count: samples.count, channelCount: channelCount)
        }
        let frameCount = samples.count / channelCount
        return (0..<channelCount).map { channel in
            (0..<frameCount).map { frame in samples[frame * channelCount + channel] }
        }
    }
}
