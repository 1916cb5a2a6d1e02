import NIOHTTP1

/// What a request asks for. Every route is read-only: GET and HEAD only.
package enum WebRoute: Sendable, Equatable {
    /// The page (`/` or `/index.html`).
    case page
    /// The page's own script or style sheet (`/page.js`, `/page.css`).
    case asset(String)
    /// Chart.js from Debian's `libjs-chart.js`.
    case chartLibrary
    /// The Server-Sent Events stream.
    case events
    /// A page of the stream table.
    case streams(sort: StreamSort, offset: Int, limit: Int)
    /// One stream's row and history.
    case stream(id: Int)
    /// Prometheus text exposition.
    case metrics
    /// 404, with what to try.
    case notFound
    /// 405: only GET and HEAD.
    case methodNotAllowed
    /// 400, saying which parameter is wrong and what it accepts.
    case badRequest(String)

    /// The page's files served from the target's resources.
    package static let assets = ["page.js", "page.css"]
    /// The default and the largest `limit` of `/api/streams`.
    package static let defaultPageSize = 50

    /// Routes `method` and `uri` (path and optional query).
    package static func route(method: HTTPMethod, uri: String) -> WebRoute {
        guard method == .GET || method == .HEAD else { return .methodNotAllowed }
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts.first ?? "")
        let query = parts.count > 1 ? parts[1] : ""
        switch path {
        case "/", "/index.html": return .page
        case "/chart.js": return .chartLibrary
        case "/events": return .events
        case "/metrics": return .metrics
        case "/api/streams", "/api/streams/": return streams(query: query)
        default: break
        }
        if path.hasPrefix("/"), assets.contains(String(path.dropFirst())) { return .asset(String(path.dropFirst())) }
        if path.hasPrefix("/api/streams/") {
            let tail = path.dropFirst("/api/streams/".count)
            guard let id = Int(tail), id > 0 else {
                return .badRequest("invalid stream id '\(tail)': expected a positive integer from /api/streams")
            }
            return .stream(id: id)
        }
        return .notFound
    }

    private static func streams(query: Substring) -> WebRoute {
        var sort = StreamSort.loss
        var offset = 0
        var limit = defaultPageSize
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = kv[0]
            let value = kv.count > 1 ? String(kv[1]) : ""
            switch key {
            case "sort":
                guard let parsed = StreamSort(rawValue: value) else {
                    let accepted = StreamSort.allCases.map(\.rawValue).joined(separator: ", ")
                    return .badRequest("invalid sort '\(value)': expected one of \(accepted)")
                }
                sort = parsed
            case "offset":
                guard let parsed = Int(value), parsed >= 0 else {
                    return .badRequest("invalid offset '\(value)': expected an integer 0 or more")
                }
                offset = parsed
            case "limit":
                guard let parsed = Int(value), (1...LiveStreams.maximumPageSize).contains(parsed) else {
                    return .badRequest("invalid limit '\(value)': expected 1 to \(LiveStreams.maximumPageSize)")
                }
                limit = parsed
            default:
                return .badRequest("unknown parameter '\(key)': expected sort, offset or limit")
            }
        }
        return .streams(sort: sort, offset: offset, limit: limit)
    }
}
