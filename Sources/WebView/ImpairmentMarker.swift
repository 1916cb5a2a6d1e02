import JitterbugSupport

/// A stretch of a run under known impairment (`demo --web`, `lab --web`, where the impairment
/// runs in this process): a phase of `--impair`'s `at=T:` terms, or a `blackhole=` window.
/// Drawn as shaded bands on the page's charts, listed in `/api/streams` (`phases`) and sent as
/// a `phase` event when it begins. Times are seconds on the view's clock (`t_s`).
package struct ImpairmentMarker: Sendable, Equatable, Codable {
    package enum Kind: String, Sendable, Codable {
        /// Time-switched parameters (`at=T:TERM`): from `start` until the direction's next phase.
        case phase
        /// Every packet dropped from `start` to `end` (`blackhole=START+LENGTH`).
        case blackhole
    }

    package var kind: Kind
    /// `up`, `down` or `both` (the same schedule in both directions).
    package var direction: String
    /// When it begins, seconds.
    package var startSeconds: Double
    /// When it ends (a blackhole's end, or the direction's next phase), seconds; nil: the run's end.
    package var endSeconds: Double?
    /// What is in force, as spec terms: `loss=20%,delay=40ms`, or `blackhole`.
    package var label: String

    package init(kind: Kind, direction: String, startSeconds: Double, endSeconds: Double?, label: String) {
        self.kind = kind
        self.direction = direction
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.label = label
    }

    enum CodingKeys: String, CodingKey {
        case kind, direction
        case startSeconds = "start_s"
        case endSeconds = "end_s"
        case label
    }

    /// `end_s` is written as `null` when open (the synthesised encoder would leave it out).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(direction, forKey: .direction)
        try container.encode(startSeconds, forKey: .startSeconds)
        try container.encode(endSeconds, forKey: .endSeconds)
        try container.encode(label, forKey: .label)
    }

    /// Most markers a view keeps (a spec with more phases shows the first ones).
    package static let maximumCount = 1_000

    /// The `phase` event: the marker, stamped with the time it was sent.
    func event(atSeconds seconds: Double) -> WebEvent {
        var object = JSONLine()
        object.add("t_s", seconds)
        object.add("kind", kind.rawValue)
        object.add("direction", direction)
        object.add("start_s", startSeconds)
        object.add("end_s", endSeconds)
        object.add("label", label)
        return WebEvent(kind: .phase, data: object.text)
    }
}
