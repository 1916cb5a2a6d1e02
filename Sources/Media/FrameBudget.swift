/// Counts the frames a generator may still produce; `nil` remaining means unbounded.
struct FrameBudget: Sendable, Equatable {
    private(set) var remainingFrames: Int?

    /// - Parameter durationSeconds: `nil` for an infinite source; negative durations produce nothing.
    init(durationSeconds: Double?, sampleRate: Int) {
        if let durationSeconds {
            let frames = (max(0, durationSeconds) * Double(sampleRate)).rounded()
            // Clamp so an absurd duration cannot trap on the Int conversion.
            remainingFrames = frames >= Double(Int.max / 2) ? Int.max / 2 : Int(frames)
        } else {
            remainingFrames = nil
        }
    }

    /// Grants up to `requested` frames: `nil` when exhausted, 0 for a non-positive request.
    mutating func take(_ requested: Int) -> Int? {
        guard let remaining = remainingFrames else { return max(0, requested) }
        if remaining == 0 { return nil }
        let granted = min(remaining, max(0, requested))
        remainingFrames = remaining - granted
        return granted
    }
}
