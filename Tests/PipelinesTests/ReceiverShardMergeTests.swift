@testable import Pipelines
import Reports
import Testing

/// Merging shards keeps as many ended-stream summaries as the receiver was configured to keep
/// (`endedSummariesKept`, e.g. the probe's 256), not the library default.
@Suite struct ReceiverShardMergeTests {
    static func ended(_ count: Int, prefix: String) -> [ReceiverSummary] {
        (0..<count).map { index in
            var summary = ReceiverSummary()
            summary.stream = "\(prefix) \(index)"
            return summary
        }
    }

    @Test func theMergeKeepsTheConfiguredNumberOfEndedSummariesMostRecentLast() {
        var parts = (0..<2).map { shard in
            var totals = ReceiverSummary()
            totals.streamCount = 300
            return ReceiverShardSnapshot(summary: totals, primaryStartNumber: shard, ended: Self.ended(300, prefix: "shard\(shard)"))
        }
        for index in parts.indices { parts[index].endedKept = 256 }
        let merged = ReceiverShards.merge(parts)
        #expect(merged.streams?.count == 256)
        #expect(merged.streams?.last?.stream == "shard1 299")
        // Without a configured value the default limit (1,000) keeps all 600.
        for index in parts.indices { parts[index].endedKept = AudioReceiverCore.endedSummaryLimit }
        #expect(ReceiverShards.merge(parts).streams?.count == 600)
    }
}
