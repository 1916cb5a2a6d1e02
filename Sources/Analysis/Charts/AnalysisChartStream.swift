/// Everything the analysis chart draws for one stream.
public struct AnalysisChartStream: Sendable {
    public var label: String
    public var timeline: StreamTimeline
    public var delayCurve: [PlayoutDelayPoint]
    public var results: [PlayoutResult]

    public init(label: String, timeline: StreamTimeline, delayCurve: [PlayoutDelayPoint], results: [PlayoutResult]) {
        self.label = label
        self.timeline = timeline
        self.delayCurve = delayCurve
        self.results = results
    }
}
