import JitterbugTestSupport

/// A plain HTTP GET to 127.0.0.1 (the shared loopback client), so tests need no curl.
enum HTTPGet {
    /// Returns (status code, body) or nil when the connection fails.
    static func get(port: Int, path: String) -> (Int, String)? {
        LoopbackHTTPClient.request(port: port, "GET", path).map { ($0.status, $0.body) }
    }
}
