import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import JitterBufferEvaluation

/// Counts the elements of an SVG with Foundation's XMLParser (which fails on malformed XML).
final class SVGElementCounter: NSObject, XMLParserDelegate {
    var elements: [String: Int] = [:]
    var externalReferences = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements[name, default: 0] += 1
        if attributes.keys.contains(where: { $0 == "href" || $0.hasSuffix(":href") }) { externalReferences += 1 }
    }
}

@Suite struct PlayoutPlotTests {
    @Test func plotIsValidSelfContainedSVGWithALinePerAlgorithm() throws {
        let evaluation = try TraceEvaluation(trace: Trace.reordering(frames: 1_500))
        let svg = PlayoutPlot.svg(evaluation)
        let counter = SVGElementCounter()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.elements["svg"] == 1)
        #expect(counter.externalReferences == 0)
        #expect(counter.elements["script"] == nil && counter.elements["image"] == nil)
        // One path per algorithm plus the delay dots and the optimal curve; a point per algorithm.
        #expect(counter.elements["path"] == evaluation.records.count + 2)
        #expect(counter.elements["circle"] == evaluation.records.count + 1)
        for record in evaluation.records { #expect(svg.contains(record.name)) }
        #expect(PlayoutPlot.svg(evaluation) == svg)
    }

    @Test func fileNamesKeepTheSign() {
        #expect(PlayoutPlot.fileName(Trace.drift(ppm: 500, frames: 10)) == "drift-plus500-ppm.svg")
        #expect(PlayoutPlot.fileName(Trace.drift(ppm: -500, frames: 10)) == "drift-minus500-ppm.svg")
    }
}
