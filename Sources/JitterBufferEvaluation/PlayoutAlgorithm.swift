/// Every playout algorithm the evaluation compares, each replayed on the same trace.
package enum PlayoutAlgorithm: Sendable, Hashable {
    /// Jitterbug's adaptive ``JitterBuffer`` with `recv`'s defaults, adjusting in whole frames
    /// (the playout before #16's time-scaling; still `recv --no-decode`'s).
    case jitterbug
    /// The same buffer with `recv`'s time-scaling playout (#16, ``JitterbugReplay/timeScaling``).
    case jitterbugTimeScaled
    /// WebRTC NetEq's delay manager and decision logic (``NetEqController``).
    case netEq
    /// GStreamer `rtpjitterbuffer` defaults (``GStreamerJitterBuffer``).
    case gstreamer
    /// Ramjee et al. 1994, algorithm 4 (``RamjeeController``).
    case ramjee
    /// A fixed delay after the first arrival (``FixedDelayController``), ms.
    case fixed(milliseconds: Int)

    /// The table's set, in column order.
    package static let all: [PlayoutAlgorithm] = [.jitterbugTimeScaled, .jitterbug, .netEq, .gstreamer, .ramjee, .fixed(milliseconds: 40), .fixed(milliseconds: 80)]

    /// Name in tables and plots.
    package var name: String {
        switch self {
        case .jitterbug: "Jitterbug whole-frame"
        case .jitterbugTimeScaled: "Jitterbug time-scaled"
        case .netEq: NetEqController().name
        case .gstreamer: GStreamerJitterBuffer().name
        case .ramjee: RamjeeController().name
        case .fixed(let milliseconds): FixedDelayController(delayMilliseconds: Double(milliseconds)).name
        }
    }

    /// Replays `trace` through this algorithm.
    package func run(_ trace: Trace) throws -> PlayoutRecord {
        switch self {
        case .jitterbug: try JitterbugReplay(name: Self.jitterbug.name).run(trace)
        case .jitterbugTimeScaled: try JitterbugReplay(name: Self.jitterbugTimeScaled.name, timeScaling: true).run(trace)
        case .netEq: TimeScaledPlayout().run(trace, controller: NetEqController())
        case .gstreamer: GStreamerJitterBuffer().run(trace)
        case .ramjee: TimeScaledPlayout().run(trace, controller: RamjeeController())
        case .fixed(let milliseconds):
            TimeScaledPlayout().run(trace, controller: FixedDelayController(delayMilliseconds: Double(milliseconds)))
        }
    }
}
