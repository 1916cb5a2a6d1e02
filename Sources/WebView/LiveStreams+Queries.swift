extension LiveStreams {
    /// Most rows one `/api/streams` page returns.
    package static let maximumPageSize = 1_000

    /// One sorted page of the table (`limit` clamped to 1 … ``maximumPageSize``).
    package func page(sort: StreamSort, offset: Int, limit: Int) -> StreamPage {
        let limit = min(max(1, limit), Self.maximumPageSize)
        let offset = max(0, offset)
        return state.withLock { state in
            let rows = state.streams.values.map(\.row)
            // Top-N without sorting everything: thousands of rows, a page of tens.
            let wanted = offset + limit
            let sorted = wanted < rows.count / 4
                ? Self.smallest(wanted, of: rows, by: sort.precedes) : rows.sorted(by: sort.precedes)
            return StreamPage(
                total: rows.count, active: rows.count(where: \.active), offset: offset, limit: limit, sort: sort.rawValue,
                endSeconds: state.lastEndSeconds, intervals: state.intervals, intervalSeconds: intervalSeconds,
                streams: Array(sorted.dropFirst(offset).prefix(limit)), relay: state.relay, phases: state.markers,
                sseClients: 0, sseRefused: 0, sseDropped: 0, endUnixMilliseconds: state.lastClosedUnixMilliseconds)
        }
    }

    /// The last interval's end, seconds since the run started.
    package var lastEndSeconds: Double { state.withLock { $0.lastEndSeconds } }

    /// Stream `id`'s row and history, or nil for an unknown id.
    package func detail(id: Int) -> StreamDetail? {
        state.withLock { state in
            guard let tracked = state.streams[id] else { return nil }
            return StreamDetail(
                stream: tracked.row, intervalSeconds: intervalSeconds, capacity: pointsPerStream,
                points: tracked.ring?.points ?? [], switches: tracked.switches, phases: state.markers)
        }
    }

    /// The first `count` of `rows` in `order`, sorted: one pass keeping a sorted prefix.
    static func smallest(_ count: Int, of rows: [StreamRow], by order: (StreamRow, StreamRow) -> Bool) -> [StreamRow] {
        var kept: [StreamRow] = []
        kept.reserveCapacity(count + 1)
        for row in rows {
            if kept.count == count, let last = kept.last, !order(row, last) { continue }
            let index = kept.firstIndex { order(row, $0) } ?? kept.endIndex
            kept.insert(row, at: index)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }
}
