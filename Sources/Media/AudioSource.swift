/// A pull-based producer of interleaved Int16 PCM.
///
/// `read(frames:)` returns at most `frames × format.channels` interleaved samples (always a whole
/// number of frames), possibly a short final chunk, and then `nil` once the source is exhausted.
/// A request for zero or fewer frames returns an empty array without consuming anything.
public protocol AudioSource {
    /// The format of every chunk this source returns; constant for the source's lifetime.
    var format: AudioFormat { get }
    /// Returns up to `frames` frames of interleaved samples, or `nil` at the end of the stream.
    mutating func read(frames: Int) throws -> [Int16]?
}

extension AudioSource {
    /// Reads the whole source into one interleaved array, `chunkFrames` frames at a time.
    ///
    /// Limit: only for finite sources; an infinite generator never returns.
    public mutating func readAll(chunkFrames: Int = 4096) throws -> [Int16] {
        var all: [Int16] = []
        while let chunk = try read(frames: max(1, chunkFrames)) {
            all.append(contentsOf: chunk)
        }
        return all
    }
}
