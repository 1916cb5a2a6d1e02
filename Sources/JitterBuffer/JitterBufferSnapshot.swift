/// Statistics view of a ``JitterBuffer`` at one instant. All delays in milliseconds.
public struct JitterBufferSnapshot: Sendable {
    /// One run of consecutive concealment ticks.
    public struct ConcealmentEvent: Sendable, Equatable {
        /// Local time of the first concealed tick.
        public var start: Duration
        /// Length of the run (ticks × frame duration).
        public var duration: Duration
    }

    /// Current playout delay above the fastest recent packet (ms): where the playout point is
    /// now, which grows while an underrun is held (and after a stream's last packet).
    public var currentDelayMilliseconds: Double
    /// The delay of the last frame played from its packet (ms), above the fastest recent packet:
    /// what listeners got, for reports and the E-model; the current delay before any played.
    public var playedDelayMilliseconds: Double
    /// Target delay chosen by the estimator, after bounds (ms).
    public var targetDelayMilliseconds: Double
    /// Smallest current delay seen since start (ms); 0 before playout.
    public var minimumDelayMilliseconds: Double
    /// Packets stored and not yet played.
    public var packetsBuffered: Int
    /// Media span between the playout point and the newest buffered packet (ms).
    public var bufferedMilliseconds: Double
    /// Per-outcome counts.
    public var ledger: JitterBufferLedger
    /// Number of concealment runs.
    public var concealmentEventCount: Int64
    /// Total concealed time over all runs.
    public var concealmentTotalDuration: Duration
    /// The most recent concealment runs (at most 64).
    public var recentConcealmentEvents: [ConcealmentEvent]
    /// Sender clock rate relative to ours in ppm (positive: the sender's clock runs fast).
    public var estimatedDriftPPM: Double
    /// (local time, target delay ms) once per second of playout, at most the last 600.
    public var targetDelayHistory: [(time: Duration, milliseconds: Double)]
}
