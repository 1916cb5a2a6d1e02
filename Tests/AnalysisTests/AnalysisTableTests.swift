import Testing
@testable import Analysis

/// The people's table stays within 80 columns and says why jitter is missing.
@Suite struct AnalysisTableTests {
    @Test func tableFitsEightyColumns() throws {
        let packets = CodecDetectionTests.dynamicStream(payloadType: 96, payload: [0x09, 1, 2, 3])
            + SyntheticPackets.regular(count: 20, lost: [3], ssrc: 9)
        let report = try AnalyzerRun.report(packets)
        let text = AnalysisTable.text(report)
        let long = text.split(separator: "\n").filter { $0.count > 80 }
        #expect(long.isEmpty, "\(long)")
        #expect(text.contains("note: unknown clock rate for payload type 96"))
        // Most troubled first: the PCMU stream lost a packet.
        #expect(report.streams.count == 2)
        #expect(report.streams.first?.codec.value == "PCMU")
    }
}
