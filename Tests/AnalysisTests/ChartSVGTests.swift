import Foundation
import JitterbugTestSupport
import Testing

@testable import Analysis

/// The `analyze --svg` document: well-formed XML (python3's parser), one group per stream,
/// labels escaped.
@Suite struct ChartSVGTests {
    static func stream(label: String, seed: UInt64) throws -> AnalysisChartStream {
        let trace = PlayoutTrace(seed: seed, frames: 1_500)
        var simulation = try PlayoutSimulation(policies: PlayoutPolicy.defaults, clockRateHertz: 48_000, decodeOpus: false, wavPath: nil)
        trace.replay(into: &simulation)
        var timeline = StreamTimeline(capacity: 300)
        var lastIndex = -1
        for packet in trace.packets {
            let transit = Double(packet.arrivalNanoseconds - Int64(packet.index) * PlayoutTrace.frameNanoseconds) / 1e6 - 5_000
            timeline.record(arrivalNanoseconds: packet.arrivalNanoseconds, transitMilliseconds: transit, jitterMilliseconds: transit / 8)
            if packet.index > lastIndex + 1 {
                timeline.recordLoss(arrivalNanoseconds: packet.arrivalNanoseconds, packets: packet.index - lastIndex - 1)
            }
            lastIndex = max(lastIndex, packet.index)
        }
        let results = try simulation.finish()
        return AnalysisChartStream(label: label, timeline: timeline, delayCurve: simulation.delayCurve, results: results)
    }

    /// Parses `svg` with python3's XML parser; returns its printout of stream groups and texts.
    static func parsed(_ svg: String, in directory: URL) throws -> (exitCode: Int32, output: String)? {
        guard let python = ExternalProgram.which("python3") else { return nil }
        let path = directory.appendingPathComponent("analyze.svg").path
        try svg.write(toFile: path, atomically: true, encoding: .utf8)
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            ns = '{http://www.w3.org/2000/svg}'
            groups = [g for g in root.iter(ns + 'g') if g.get('class') == 'stream']
            print(len(groups))
            for g in groups:
                print(g.find(ns + 'text').text)
                print(len([p for p in g.iter(ns + 'polyline')]), len([c for c in g.iter(ns + 'circle')]))
            """
        let result = try CommandRunner.run(python, ["-c", script, path])
        return (result.exitCode, result.stdout + result.stderr)
    }

    @Test func wellFormedOneGroupPerStreamEscapedLabels() async throws {
        let hostile = "10.0.0.1:5004 → 10.0.0.2:5006 <ssrc & \"quote\" 'x'> ]]>"
        let controls = "ctl\u{1}\u{1B}end"
        let streams = [try Self.stream(label: hostile, seed: 1), try Self.stream(label: "second & last" + controls, seed: 2)]
        let svg = AnalysisChart.svg(streams: streams)
        #expect(svg.contains("&lt;ssrc &amp; &quot;quote&quot; &apos;x&apos;&gt; ]]&gt;"))
        #expect(!svg.contains("<ssrc"))
        #expect(svg.components(separatedBy: "<g class=\"stream\"").count == 3)
        try await TemporaryDirectory.with(prefix: "jitterbug-chart") { directory in
            let parsed = try #require(try Self.parsed(svg, in: directory))
            #expect(parsed.exitCode == 0, "\(parsed.output)")
            // 2 groups; each: its label, 3 polylines (transit, jitter, delay curve; the transit
            // band is a polygon) and 3 policy dots (fixed:50, fixed:200, adaptive).
            #expect(parsed.output == "2\n\(hostile)\n3 3\nsecond & lastctl\u{FFFD}\u{FFFD}end\n3 3\n", "\(parsed.output)")
        }
    }

    @Test func emptyInputsStillWellFormed() async throws {
        let empty = AnalysisChartStream(label: "empty", timeline: StreamTimeline(), delayCurve: [], results: [])
        for streams in [[], [empty]] {
            let svg = AnalysisChart.svg(streams: streams)
            #expect(!svg.contains("nan"))
            try await TemporaryDirectory.with(prefix: "jitterbug-chart") { directory in
                let parsed = try #require(try Self.parsed(svg, in: directory))
                #expect(parsed.exitCode == 0, "\(parsed.output)")
                #expect(parsed.output.hasPrefix("\(streams.count)\n"))
            }
        }
    }
}
