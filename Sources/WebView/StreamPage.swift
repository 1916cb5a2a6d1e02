/// `/api/streams`: one page of the stream table, sorted, and what the server has seen.
package struct StreamPage: Sendable, Codable {
    /// Streams known (active and ended).
    package var total: Int
    /// Streams receiving now.
    package var active: Int
    package var offset: Int
    package var limit: Int
    package var sort: String
    /// The last interval's end, seconds since the receiver started.
    package var endSeconds: Double
    /// Intervals published so far, and their length in seconds.
    package var intervals: Int
    package var intervalSeconds: Double
    package var streams: [StreamRow]
    /// `impair --web` and `lab --web`: the relay's paths; empty for a receiver.
    package var relay: [RelayCount]
    /// `demo --web` and `lab --web`: the impairment's phases and blackhole windows, whole
    /// schedule (future ones too); empty when the impairment is not known.
    package var phases: [ImpairmentMarker]
    /// SSE clients now, refused (too many) and dropped (too slow) so far.
    package var sseClients: Int
    package var sseRefused: Int
    package var sseDropped: Int
    /// When the receiver closed the last interval, ms since 1970 on the host's clock (the page
    /// measures its update latency against it); nil before the first.
    package var endUnixMilliseconds: Double?

    enum CodingKeys: String, CodingKey {
        case total, active, offset, limit, sort
        case endSeconds = "t_end_s"
        case intervals
        case intervalSeconds = "interval_s"
        case streams, relay, phases
        case sseClients = "sse_clients"
        case sseRefused = "sse_refused"
        case sseDropped = "sse_dropped"
        case endUnixMilliseconds = "t_end_unix_ms"
    }
}

/// `/api/streams/{id}`: a stream's row and its history over the last 5 minutes.
package struct StreamDetail: Sendable, Codable {
    package var stream: StreamRow
    package var intervalSeconds: Double
    /// Most points kept (5 minutes of intervals).
    package var capacity: Int
    /// One per interval since the stream began (or the last 5 minutes), oldest first; empty
    /// for a stream beyond the history limit.
    package var points: [StreamPoint]
    /// Path switches inside the window, oldest first.
    package var switches: [PathSwitch]
    /// The impairment's phases and blackhole windows (as in ``StreamPage/phases``).
    package var phases: [ImpairmentMarker]

    enum CodingKeys: String, CodingKey {
        case stream
        case intervalSeconds = "interval_s"
        case capacity, points, switches, phases
    }
}
