import Foundation
import JitterbugTestSupport
import NIOCore
import Testing
@testable import WebView

/// The page in Debian's headless Chromium, served from this target's resources, with and
/// without Chart.js: the table always, the charts when the library is there, and a clear
/// message naming `libjs-chart.js` when it is not.
@Suite(.serialized) struct WebPageBrowserTests {
    typealias Stream = SummaryFixtures.Stream

    /// Serves the page with `chartLibraryPaths`, publishes 5 intervals of two streams, loads
    /// the page while the run ends, and returns the DOM and the page's exported state.
    func load(chartLibraryPaths: [String]) async throws -> (dom: String, state: [String: Any], console: [String]) {
        let files = WebPageFiles.load(chartLibraryPaths: chartLibraryPaths)
        let server = WebServer(live: LiveStreams(intervalSeconds: 1), files: files)
        let channel = try await server.bind(try SocketAddress(ipAddress: "127.0.0.1", port: 0))
        defer { channel.close(promise: nil) }
        let port = try #require(channel.localAddress?.port)
        for second in 1...5 {
            server.publish(interval: SummaryFixtures.record(end: Double(second)))
            server.publish(summary: SummaryFixtures.summary([
                Stream(name: "10.0.0.1:4000 ssrc 0x1", packets: Int64(second * 48), lost: Int64(second * 2)),
                Stream(name: "10.0.0.2:4000 ssrc 0x2", packets: Int64(second * 50)),
            ]))
        }
        // The browser's virtual clock waits while the event stream is open: the end releases it.
        let page = Task.detached {
            try HeadlessChromium.dumpDOM("http://127.0.0.1:\(port)/", settleMilliseconds: 2_000, realTime: false, timeoutSeconds: 60)
        }
        for _ in 0..<500 where server.fanOut.counts.clients == 0 { try await Task.sleep(for: .milliseconds(20)) }
        await server.finish(linger: .seconds(3))
        let loaded = try await page.value
        let dom = loaded.dom
        let marker = try #require(dom.range(of: "<script type=\"application/json\" id=\"state\">"))
        let end = try #require(dom[marker.upperBound...].range(of: "</script>"))
        let state = try #require(try JSONSerialization.jsonObject(with: Data(dom[marker.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        return (dom, state, loaded.consoleMessages)
    }

    @Test func withChartJSThePageChartsTheWorstStream() async throws {
        guard HeadlessChromium.executable != nil else {
            Issue.record("chromium is not installed (Tools/setup installs it)")
            return
        }
        guard WebPageFiles.chartLibraryCandidates.contains(where: { FileManager.default.fileExists(atPath: $0) }) else {
            Issue.record("libjs-chart.js is not installed (Tools/setup installs it)")
            return
        }
        let (dom, state, console) = try await load(chartLibraryPaths: WebPageFiles.chartLibraryCandidates)
        #expect(state["charts"] as? Bool == true, "\(state)")
        #expect(state["run_ended"] as? Bool == true)
        #expect(state["streams_total"] as? Int == 2)
        // Sorted by loss: the lossy stream first, and charted (one point per interval).
        let rows = try #require(state["rows"] as? [[String: Any]])
        #expect(rows.map { $0["ssrc"] as? String } == ["0x1", "0x2"])
        #expect(state["selected_stream"] as? Int == 1)
        #expect(state["chart_points"] as? Int == 5)
        #expect(!dom.contains("libjs-chart.js (apt-get"))
        #expect(console.filter { $0.contains("Uncaught") }.isEmpty, "\(console)")
    }

    @Test func withoutChartJSTheTableStaysAndThePageSaysWhy() async throws {
        guard HeadlessChromium.executable != nil else {
            Issue.record("chromium is not installed (Tools/setup installs it)")
            return
        }
        let (dom, state, console) = try await load(chartLibraryPaths: ["/nonexistent/chart.js"])
        #expect(state["charts"] as? Bool == false, "\(state)")
        #expect((state["rows"] as? [[String: Any]])?.count == 2)
        #expect(dom.contains("Charts need Chart.js from the Debian package libjs-chart.js"))
        #expect(dom.contains("data-stream-id=\"1\""))
        #expect(console.filter { $0.contains("Uncaught") }.isEmpty, "\(console)")
    }
}
