/// A window in which every packet is dropped (reason `blackhole`): `blackhole=START+LENGTH`.
/// A packet is dropped when `start <= sendTime < start + length`.
public struct BlackholeWindow: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Offset from the time origin at which the window opens.
    public var start: Duration
    /// How long it stays open; > 0.
    public var length: Duration

    public init(start: Duration, length: Duration) {
        self.start = start
        self.length = length
    }

    /// Whether a packet sent at `time` falls in the window (half-open interval).
    public func contains(_ time: Duration) -> Bool {
        time >= start && time < start + length
    }

    /// `START+LENGTH`, e.g. `30s+10s`.
    public var description: String {
        "\(SpecFormatting.duration(start))+\(SpecFormatting.duration(length))"
    }

    public static func < (lhs: BlackholeWindow, rhs: BlackholeWindow) -> Bool {
        (lhs.start, lhs.length) < (rhs.start, rhs.length)
    }
}
