/// Why a ``PlayoutSimulation`` could not be set up or finished.
public enum PlayoutSimulationError: Error, Equatable, Sendable {
    /// The RTP clock rate is outside 1 000 ... 1 000 000 Hz (what the jitter buffer accepts).
    case invalidClockRate(Int)
    /// `finish()` was called twice.
    case alreadyFinished
}
