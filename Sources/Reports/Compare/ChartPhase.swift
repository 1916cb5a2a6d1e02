/// A stretch of stream time under a known impairment phase, drawn as a shaded band on the
/// time axis of a chart (`compare --html`/`--svg`): an `at=T:` phase or a `blackhole=` window.
public struct ChartPhase: Sendable, Equatable {
    /// Where the band starts and ends on the chart's time axis, seconds; `end` nil: the axis' end.
    public var startSeconds: Double
    public var endSeconds: Double?
    /// What is in force (`loss=20%`, `blackhole`).
    public var label: String
    public var isBlackhole: Bool

    public init(startSeconds: Double, endSeconds: Double?, label: String, isBlackhole: Bool) {
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.label = label
        self.isBlackhole = isBlackhole
    }
}

extension ChartAxes {
    /// Shaded bands for `phases` inside the frame (orange for phases, grey for blackholes),
    /// labelled at the band's start; drawn before the data so the lines stay on top.
    /// `class="phase"`/`"blackhole"`, `data-start-s` on each band.
    package func drawPhases(_ phases: [ChartPhase], into svg: inout SVGBuilder) {
        for phase in phases {
            let from = point(x: max(phase.startSeconds, xMin), y: yMin).x
            let to = point(x: min(phase.endSeconds ?? xMax, xMax), y: yMin).x
            guard phase.startSeconds < xMax, to > from else { continue }
            let fill = phase.isBlackhole ? "#3c3c3c\" fill-opacity=\"0.22" : "#f39c12\" fill-opacity=\"0.15"
            svg.raw("<rect class=\"\(phase.isBlackhole ? "blackhole" : "phase")\" data-start-s=\"\(CompareFormat.csvNumber(phase.startSeconds))\" x=\"\(ComparisonChart.n(from))\" y=\"\(ComparisonChart.n(frame.top))\" width=\"\(ComparisonChart.n(to - from))\" height=\"\(ComparisonChart.n(frame.height))\" fill=\"\(fill)\"/>")
            svg.text(phase.label, x: from + 3, y: frame.top + frame.height - 5, size: 10)
        }
    }
}
