import Capture
import Testing
@testable import Analysis

/// Several capture files: the reader's counters are added field by field.
@Suite struct CaptureCountersSumTests {
    @Test func countersOfSeveralFilesAreAdded() {
        var first = CaptureCounters()
        first.records = 10
        first.packets = 7
        var second = CaptureCounters()
        second.records = 5
        second.packets = 4
        let total = CaptureCounters.sum([first, second])
        #expect(total.records == 15)
        #expect(total.packets == 11)
        #expect(CaptureCounters.sum([first]) == first)
        #expect(CaptureCounters.sum([]) == CaptureCounters())
    }
}
