import Foundation
import Testing

@testable import JitterBufferEvaluation

@Suite struct TraceTests {
    @Test func syntheticTracesAreDeterministic() {
        let first = Trace.synthetic(frames: 1_000)
        let second = Trace.synthetic(frames: 1_000)
        #expect(first.map(\.delayMilliseconds) == second.map(\.delayMilliseconds))
        #expect(first.map(\.lost) == second.map(\.lost))
        #expect(Set(first.map(\.name)).count == first.count)
        #expect(Set(first.map { PlayoutPlot.fileName($0) }).count == first.count)
    }

    @Test func gaussianHasTheIssuesMeanAndDeviation() {
        let delays = Trace.gaussian().delayMilliseconds
        let mean = delays.reduce(0, +) / Double(delays.count)
        let deviation = (delays.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(delays.count)).squareRoot()
        #expect(abs(mean - 20) < 0.3)
        #expect(abs(deviation - 8) < 0.3)
    }

    @Test func routeChangeStepsUpAndDown() {
        let trace = Trace.routeChange()
        let before = trace.delayMilliseconds[0..<5_000].min() ?? 0
        let during = trace.delayMilliseconds[5_000..<10_000].min() ?? 0
        let after = trace.delayMilliseconds[10_000...].min() ?? 0
        #expect(before >= 20 && before < 21)
        #expect(during >= 80 && during < 81)
        #expect(after >= 20 && after < 21)
    }

    @Test func driftMovesSendTimes() {
        let fast = Trace.drift(ppm: 500, frames: 100)
        // 500 ppm fast: frame 50 000 would be sent 1 s × 500 ppm… here frame 99 at 1980 / 1.0005 ms.
        #expect(abs(fast.sendMilliseconds(99) - 1_980 / 1.0005) < 1e-9)
        #expect(fast.driftPPM == 500)
    }

    @Test func recordedCSVUnwrapsSequenceNumbersAndMarksGaps() throws {
        let csv = """
            sequence,rtp_timestamp,arrival_unix_us,send_unix_us
            65534,0,1000000,990000
            65535,960,1025000,1010000
            1,2880,1062000,1050000
            0,1920,1065000,1030000
            """
        let trace = try Trace.recorded(csv: csv, name: "wrap")
        #expect(trace.count == 4)
        #expect(trace.lost == [false, false, false, false])
        #expect(trace.delayMilliseconds == [10, 15, 35, 12])
        let gap = try Trace.recorded(csv: "sequence,a,b,c\n10,0,1000,0\n13,0,2000,1000\n", name: "gap")
        #expect(gap.lost == [false, true, true, false])
        #expect(throws: TraceFileError.self) { try Trace.recorded(csv: "sequence\nbad\n", name: "bad") }
    }

    @Test func recordedTracesInTheRepositoryLoad() {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Tools/traces").path
        let loaded = Trace.recordedTraces(directory: directory)
        #expect(loaded.skipped.isEmpty)
        #expect(loaded.traces.count >= 3)
        #expect(loaded.traces.allSatisfy { $0.count > 2_500 })
    }
}
