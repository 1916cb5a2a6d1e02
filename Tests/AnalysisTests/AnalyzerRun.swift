import Analysis
import Capture

/// Runs the analyzer over packets and returns its report.
enum AnalyzerRun {
    static func report(_ packets: [CapturedPacket], configuration: AnalysisConfiguration = AnalysisConfiguration(policies: [])) throws -> AnalysisReport {
        var analyzer = StreamAnalyzer(configuration: configuration)
        for packet in packets { analyzer.consume(packet) }
        return try analyzer.finish(files: ["synthetic"], capture: CaptureCounters()).report
    }

    static func onlyStream(_ packets: [CapturedPacket], configuration: AnalysisConfiguration = AnalysisConfiguration(policies: [])) throws -> StreamReport? {
        let report = try report(packets, configuration: configuration)
        return report.streams.count == 1 ? report.streams[0] : nil
    }
}
