/// A jitter buffer the analysis replays a stream's arrivals through.
public enum PlayoutPolicy: Hashable, Sendable {
    /// A fixed playout delay after the first packet's arrival (VoIPmonitor's fixed buffers).
    case fixed(delayMilliseconds: Int)
    /// Jitterbug's own adaptive `JitterBuffer`.
    case adaptive

    /// Parses one entry of `--jitter-buffers` (e.g. `fixed:50`, `adaptive`).
    public init?(argument: String) {
        switch argument {
        case "adaptive": self = .adaptive
        default:
            guard argument.hasPrefix("fixed:"), let ms = Int(argument.dropFirst(6)), ms > 0, ms <= 10_000 else { return nil }
            self = .fixed(delayMilliseconds: ms)
        }
    }

    /// The default set: fixed 50 ms, fixed 200 ms, adaptive.
    public static let defaults: [PlayoutPolicy] = [.fixed(delayMilliseconds: 50), .fixed(delayMilliseconds: 200), .adaptive]

    /// The name used in tables and JSON (`fixed:50`, `adaptive`).
    public var name: String {
        switch self {
        case .fixed(let ms): "fixed:\(ms)"
        case .adaptive: "adaptive"
        }
    }
}
