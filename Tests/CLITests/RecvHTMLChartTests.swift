import Foundation
import JitterbugTestSupport
import Testing

/// `recv --html`'s per-interval chart, opened in headless Chromium: one point per interval of
/// the same run's `--jsonl` records (the reference), and the lossy intervals drawn above zero.
@Suite(.serialized, .enabled(if: HeadlessChromium.executable != nil, "needs chromium (Tools/setup installs it)"))
struct RecvHTMLChartTests {
    /// The y coordinates of `<polyline class="NAME" …>`'s points.
    static func ys(of name: String, in dom: String) -> [Double]? {
        let pattern = #"<polyline class=""# + name + #""[^>]*points="([^"]*)""#
        guard let points = HTMLReportCommandTests.matches(pattern, in: dom).first else { return nil }
        return points.split(separator: " ").compactMap { $0.split(separator: ",").last.flatMap { Double($0) } }
    }

    @Test func theChartHasOnePointPerIntervalRecord() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = CommandRunner.freeUDPPort()
        let html = directory.appendingPathComponent("recv.html").path
        let jsonl = directory.appendingPathComponent("recv.jsonl").path
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "30s", "--interval", "1s",
             "--jsonl", jsonl, "--html", html])
        let sender = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:\(port)", "--duration", "5s", "--impair", "loss=8%,seed=3"])
        #expect(sender.exitCode == 0, "\(sender.stderr)")
        #expect(try receiver.finish(timeoutSeconds: 30).exitCode == 0)
        let records = try WebViewCommandTests.records(jsonl)
        #expect(records.count >= 5, "\(records.count) records")
        let load = try HeadlessChromium.dumpDOM(URL(fileURLWithPath: html).absoluteString, settleMilliseconds: 500)
        #expect(load.exitCode == 0)
        #expect(load.consoleMessages.isEmpty, "console: \(load.consoleMessages)")
        #expect(load.dom.contains("data-intervals=\"\(records.count)\""))
        for name in ["loss", "jitter", "delivered", "target"] {
            let ys = try #require(Self.ys(of: name, in: load.dom), "no \(name) line")
            #expect(ys.count == records.count, "\(name): \(ys.count) points, \(records.count) --jsonl records")
        }
        // The loss panel's plot runs from y = 80 (top) to 280 (0 %): a point above the bottom is a lossy interval.
        let loss = try #require(Self.ys(of: "loss", in: load.dom))
        let lossy = records.filter { ($0["lost"] as? Int ?? 0) > 0 }.count
        #expect(lossy > 0, "the seeded drop lost packets")
        #expect(loss.filter { $0 < 279.99 }.count == lossy, "\(loss)")
    }
}
