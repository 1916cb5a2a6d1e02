/// Absolute send deadlines for a fixed frame schedule.
///
/// Frame `n` is due at `n × frameDuration` after the start, computed from the frame index rather
/// than by adding sleeps, so late wake-ups never accumulate into drift: 30,000 frames of 20 ms
/// span exactly 600 s of deadlines however long each sleep overshoots.
public struct FramePacer: Sendable, Equatable {
    /// Time between frames; must be positive.
    public let frameDuration: Duration

    public init(frameDuration: Duration) {
        precondition(frameDuration > .zero, "frame duration must be positive")
        self.frameDuration = frameDuration
    }

    /// Offset of frame `index` (0-based) from the start of the stream.
    public func deadline(ofFrame index: Int) -> Duration {
        frameDuration * index
    }

    /// Number of whole frames in `duration`, rounded up (a partial last frame is still sent).
    public func frameCount(for duration: Duration) -> Int {
        let whole = Int(duration / frameDuration)
        return frameDuration * whole < duration ? whole + 1 : whole
    }

    /// How late frame `index` is when sent at `offset` from the start (zero when early or on time).
    public func lateness(ofFrame index: Int, sentAt offset: Duration) -> Duration {
        max(.zero, offset - deadline(ofFrame: index))
    }
}
