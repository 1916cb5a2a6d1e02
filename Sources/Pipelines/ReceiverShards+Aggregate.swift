import Reports

/// One shard's figures at one moment, taken under its lock (the only time its lock is held for
/// reporting); merged with the other shards' off the packet path.
package struct ReceiverShardSnapshot: Sendable {
    /// The shard's own summary: its primary stream at the top level, its counters.
    package var summary: ReceiverSummary
    /// When the shard's primary stream started, in the numbering shared by the shards.
    package var primaryStartNumber: Int?
    /// Summaries of the shard's ended streams (most recent last, bounded).
    package var ended: [ReceiverSummary]
    /// The shard's decoding streams with their start numbers, in start order.
    package var active: [ShardStream]
    /// Datagrams read for this shard but turned away before its core (its queue was full).
    package var queueDropped: Int
    /// Ended-stream summaries the receiver keeps in all (its `endedSummariesKept`).
    package var endedKept = AudioReceiverCore.endedSummaryLimit

    package struct ShardStream: Sendable {
        package var startNumber: Int
        package var summary: ReceiverSummary
    }

    package init(
        summary: ReceiverSummary, primaryStartNumber: Int?, ended: [ReceiverSummary] = [], active: [ShardStream] = [],
        queueDropped: Int = 0
    ) {
        self.summary = summary
        self.primaryStartNumber = primaryStartNumber
        self.ended = ended
        self.active = active
        self.queueDropped = queueDropped
    }
}

extension AudioReceiverCore {
    /// This core's figures for a merge with other shards' (see ``ReceiverShards/merge(_:)``).
    /// `summary` is built as ``summary`` is (the streams' summaries once), so the lists below cost
    /// no second pass over the streams.
    func shardSnapshot(queueDropped: Int = 0) -> ReceiverShardSnapshot {
        let summary = self.summary
        let all = summary.streams ?? (ended + order.compactMap { key in streams[key].map { $0.summary(configuration: configuration) } })
        let activeCount = min(order.count, all.count)
        let active = zip(order.suffix(activeCount), all.suffix(activeCount)).map {
            ReceiverShardSnapshot.ShardStream(startNumber: startNumbers[$0.0] ?? 0, summary: $0.1)
        }
        var snapshot = ReceiverShardSnapshot(
            summary: summary, primaryStartNumber: primaryStartNumber, ended: Array(all.dropLast(activeCount)),
            active: active, queueDropped: queueDropped)
        snapshot.endedKept = max(1, configuration.endedSummariesKept)
        return snapshot
    }
}

/// Merging the shards' figures into the receiver's.
package enum ReceiverShards {
    /// Where the primary stream lives: the shard whose primary started first (shard 0 while no
    /// stream has started).
    package static func primaryShard(startNumbers: [Int?]) -> Int {
        var best = 0
        var bestNumber = Int.max
        for (index, number) in startNumbers.enumerated() where (number ?? .max) < bestNumber {
            best = index
            bestNumber = number ?? .max
        }
        return best
    }

    /// One summary from the shards': the primary stream (the first to start across shards) at
    /// the top level; counts added; per-stream lists concatenated, ended streams first (bounded
    /// as one core bounds them), then the playing ones in start order. One shard: its summary.
    package static func merge(_ parts: [ReceiverShardSnapshot]) -> ReceiverSummary {
        guard parts.count > 1 else {
            guard var only = parts.first?.summary else { return ReceiverSummary() }
            if let dropped = parts.first?.queueDropped, dropped > 0 { addQueueDrops(dropped, to: &only) }
            return only
        }
        let primary = primaryShard(startNumbers: parts.map(\.primaryStartNumber))
        var merged = parts[primary].summary
        merged.rejected = [:]
        merged.otherStreamPackets = 0
        merged.datagramsReceived = 0
        merged.rtcpReportsSent = 0
        merged.rtcpReportsReceived = 0
        merged.rtcpReportsSuppressed = 0
        merged.rtcpSendErrors = 0
        merged.streamCount = 0
        for part in parts {
            let s = part.summary
            merged.rejected.merge(s.rejected, uniquingKeysWith: +)
            merged.otherStreamPackets += s.otherStreamPackets
            merged.datagramsReceived += s.datagramsReceived
            merged.rtcpReportsSent += s.rtcpReportsSent
            merged.rtcpReportsReceived += s.rtcpReportsReceived
            merged.rtcpReportsSuppressed += s.rtcpReportsSuppressed
            merged.rtcpSendErrors += s.rtcpSendErrors
            merged.streamCount += s.streamCount
            if part.queueDropped > 0 { addQueueDrops(part.queueDropped, to: &merged) }
        }
        let ended = parts.flatMap(\.ended).suffix(parts.map(\.endedKept).max() ?? AudioReceiverCore.endedSummaryLimit)
        let active = parts.flatMap(\.active).sorted { $0.startNumber < $1.startNumber }.map(\.summary)
        merged.streams = merged.streamCount > 1 ? Array(ended) + active : nil
        return merged
    }

    /// Datagrams dropped at a full shard queue: read (so in `datagrams_received`) and rejected.
    private static func addQueueDrops(_ dropped: Int, to summary: inout ReceiverSummary) {
        summary.rejected["shard_queue_full", default: 0] += dropped
        summary.datagramsReceived += dropped
    }

    /// One interval record from the shards' records for the same interval: counts (packets,
    /// loss, late, bit rate) added; jitter, latency, buffer, MOS and RTT of the primary shard's.
    package static func merge(_ records: [IntervalRecord], primary: Int) -> IntervalRecord? {
        guard records.indices.contains(primary) else { return records.first }
        guard records.count > 1 else { return records[primary] }
        var merged = records[primary]
        for (index, record) in records.enumerated() where index != primary {
            merged.packets += record.packets
            merged.lost += record.lost
            merged.expected += record.expected
            merged.late += record.late
            merged.kilobitsPerSecond += record.kilobitsPerSecond
        }
        merged.lostPercent =
            merged.expected > 0 ? min(100, max(0, Double(merged.lost) * 100 / Double(merged.expected))) : 0
        if merged.packets == 0 { merged.mos = .nan }
        return merged
    }
}
