import NIOHTTP1
import Testing
import WebView

/// Every request maps to one read-only route; anything else is 404, 405 or 400 with the reason.
@Suite struct WebRouteTests {
    @Test func knownPaths() {
        #expect(WebRoute.route(method: .GET, uri: "/") == .page)
        #expect(WebRoute.route(method: .HEAD, uri: "/index.html") == .page)
        #expect(WebRoute.route(method: .GET, uri: "/page.js") == .asset("page.js"))
        #expect(WebRoute.route(method: .GET, uri: "/chart.js") == .chartLibrary)
        #expect(WebRoute.route(method: .GET, uri: "/events") == .events)
        #expect(WebRoute.route(method: .GET, uri: "/metrics") == .metrics)
        #expect(WebRoute.route(method: .GET, uri: "/api/streams") == .streams(sort: .loss, offset: 0, limit: 50))
        #expect(WebRoute.route(method: .GET, uri: "/api/streams?sort=jitter&offset=20&limit=10") == .streams(sort: .jitter, offset: 20, limit: 10))
        #expect(WebRoute.route(method: .GET, uri: "/api/streams/12") == .stream(id: 12))
    }

    @Test func everythingElseIsRefusedWithAReason() {
        #expect(WebRoute.route(method: .GET, uri: "/admin") == .notFound)
        #expect(WebRoute.route(method: .GET, uri: "/../etc/passwd") == .notFound)
        #expect(WebRoute.route(method: .GET, uri: "/Page/index.html") == .notFound)
        for method in [HTTPMethod.POST, .PUT, .DELETE, .PATCH] {
            #expect(WebRoute.route(method: method, uri: "/api/streams") == .methodNotAllowed)
        }
        #expect(WebRoute.route(method: .GET, uri: "/api/streams?sort=size") == .badRequest("invalid sort 'size': expected one of loss, late, jitter, delay, mos, packets, id"))
        #expect(WebRoute.route(method: .GET, uri: "/api/streams?limit=0") == .badRequest("invalid limit '0': expected 1 to 1000"))
        #expect(WebRoute.route(method: .GET, uri: "/api/streams?offset=-1") == .badRequest("invalid offset '-1': expected an integer 0 or more"))
        #expect(WebRoute.route(method: .GET, uri: "/api/streams?x=1") == .badRequest("unknown parameter 'x': expected sort, offset or limit"))
        #expect(WebRoute.route(method: .GET, uri: "/api/streams/abc") == .badRequest("invalid stream id 'abc': expected a positive integer from /api/streams"))
    }
}
