import Foundation
import JitterbugTestSupport
import Testing

/// `recv --web` as a person sees it: Debian's headless Chromium loads the page while a live
/// stream runs and the test reads what the page shows (its DOM and the state it exports)
/// against independent references: the impairment relay's ground truth, the receiver's own
/// `--json`/`--jsonl`, and the sender's switch events.
@Suite(.serialized) struct WebViewCommandTests {
    /// Where the last live-view screenshot is kept (overwritten each run: one file, for CI).
    static let screenshotDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("jitterbug-web-screenshots")

    /// Loads `url` in Chromium while `run` drives the stream and returns the DOM. The page's
    /// event stream holds Chromium's virtual clock, so the dump comes after the receiver's
    /// `end` event, with the run's final figures. (A screenshot taken the same way sometimes
    /// never finished: screenshots are taken in real time, mid-stream.)
    static func watch(_ url: String, during run: () throws -> Void) throws -> HeadlessChromium.PageLoad {
        let dom = DOMJob(url: url)
        dom.start()
        // Chromium needs a moment to start and open the event stream before the stream starts.
        Thread.sleep(forTimeInterval: 2)
        try run()
        return try #require(try dom.wait(), "chromium did not finish in 100 s")
    }

    /// The page's exported state (`<script type="application/json" id="state">`).
    static func state(in dom: String) throws -> [String: Any] {
        let marker = try #require(dom.range(of: "<script type=\"application/json\" id=\"state\">"))
        let rest = dom[marker.upperBound...]
        let end = try #require(rest.range(of: "</script>"))
        return try #require(try JSONSerialization.jsonObject(with: Data(rest[..<end.lowerBound].utf8)) as? [String: Any])
    }

    /// The interval records of a `--jsonl` file.
    static func records(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }

    @Test func thePageShowsTheImpairedStreamAndItsHistory() throws {
        guard HeadlessChromium.executable != nil else {
            Issue.record("chromium is not installed (Tools/setup installs it)")
            return
        }
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: Self.screenshotDirectory, withIntermediateDirectories: true)
        let png = Self.screenshotDirectory.appendingPathComponent("live-view.png").path
        try? FileManager.default.removeItem(atPath: png)
        let truth = directory.appendingPathComponent("truth.jsonl").path
        let summary = directory.appendingPathComponent("summary.json").path
        let intervals = directory.appendingPathComponent("intervals.jsonl").path
        let receiverPort = CommandRunner.freeUDPPort()
        let relayPort = CommandRunner.freeUDPPort()
        let webPort = FreePort.tcp()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(receiverPort)", "--web", "\(webPort)", "--interval", "1s",
             "--until-idle", "2s", "--duration", "40s", "--json", summary, "--jsonl", intervals])
        defer { receiver.interrupt() }
        let relay = try CommandRunner.startListening(
            ["impair", "--listen", "127.0.0.1:\(relayPort)", "--forward", "127.0.0.1:\(receiverPort)",
             "--impair", "loss=ge:8%/3,seed=11", "--impair-log", truth, "--duration", "14s"],
            readyLine: "jitterbug impair: relaying")
        defer { relay.interrupt() }
        var shot: HeadlessChromium.PageLoad?
        let page = try Self.watch("http://127.0.0.1:\(webPort)/") {
            let sender = try CommandRunner.start(CommandRunner.jitterbugPath, ["send", "--to", "127.0.0.1:\(relayPort)", "--duration", "6s"])
            // A screenshot in the middle of the stream, in real time (a second browser).
            Thread.sleep(forTimeInterval: 3)
            shot = try HeadlessChromium.screenshot(
                "http://127.0.0.1:\(webPort)/", to: png, settleMilliseconds: 2_000, realTime: true, timeoutSeconds: 30)
            #expect(try sender.finish(timeoutSeconds: 30).exitCode == 0)
        }
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        #expect(try relay.finish(timeoutSeconds: 20).exitCode == 0)
        let state = try Self.state(in: page.dom)
        #expect(state["run_ended"] as? Bool == true, "\(state)")
        #expect(state["charts"] as? Bool == true, "Chart.js from libjs-chart.js: \(state)")
        let rows = try #require(state["rows"] as? [[String: Any]])
        #expect(rows.count == 1, "\(state)")
        let row = try #require(rows.first)
        // Loss as the receiver's --json reports it (the page may lag one interval at most),
        // and the relay's ground truth agrees.
        let json = try readJSONObject(summary)
        let lost = try #require(json["lost_packets"] as? Int)
        let records = try Self.records(intervals)
        let mostLostInAnInterval = records.compactMap { $0["lost"] as? Int }.max() ?? 0
        let shown = try #require(row["lost"] as? Int)
        #expect(abs(shown - lost) <= mostLostInAnInterval, "page \(shown), recv --json \(lost)")
        #expect(lost == (try ImpairmentCommandTests.droppedCount(log: truth, path: "rtp up")))
        #expect(lost > 5)
        #expect(page.dom.contains("data-stream-id=\"1\""))
        #expect(page.dom.contains("data-lost=\"\(shown)\""))
        // One chart point per interval the stream was heard in.
        let heard = records.filter { ($0["packets"] as? Int ?? 0) > 0 }.count
        let points = try #require(state["chart_points"] as? Int)
        #expect(abs(points - heard) <= 1, "\(points) points, \(heard) intervals with packets")
        #expect(page.consoleMessages.filter { $0.contains("Uncaught") || $0.contains("rror") }.isEmpty, "\(page.consoleMessages)")
        // The screenshot is kept for CI; a blank page would be a few kB.
        #expect(shot?.exitCode == 0)
        let size = (try FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
        #expect(size > 30_000, "\(png): \(size) bytes")
    }

    @Test func anAutoFallbackShowsItsPathSwitches() throws {
        guard HeadlessChromium.executable != nil else {
            Issue.record("chromium is not installed (Tools/setup installs it)")
            return
        }
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let events = directory.appendingPathComponent("events.jsonl").path
        let port = CommandRunner.freeUDPPort()
        let webPort = FreePort.tcp()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--web", "127.0.0.1:\(webPort)", "--until-idle", "2s",
             "--duration", "40s"])
        defer { receiver.interrupt() }
        let page = try Self.watch("http://127.0.0.1:\(webPort)/") {
            let sender = try CommandRunner.jitterbug(
                ["send", "--to", "127.0.0.1:\(port)", "--transport", "auto", "--recover-after", "2s", "--duration", "9s",
                 "--impair", "blackhole=2s+3s", "--events", events],
                timeoutSeconds: 40)
            #expect(sender.exitCode == 0, "\(sender.stderr)")
        }
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        // The sender's own record of its switches is the reference. The receiver sees which
        // path carried most of each interval's packets, so a sender probing UDP while on TCP
        // may show as more switches, never as fewer.
        let switches = try Self.records(events).filter { $0["event"] as? String == "switch" }
        #expect(switches.first?["to"] as? String == "tcp", "\(switches)")
        let state = try Self.state(in: page.dom)
        let markers = try #require(state["switches"] as? [[String: Any]], "\(state)")
        #expect(state["switch_markers"] as? Int == markers.count)
        #expect(markers.count >= switches.count, "page \(markers), sender \(switches)")
        #expect(markers.first?["from"] as? String == "udp" && markers.first?["to"] as? String == "tcp", "\(markers)")
        if switches.last?["to"] as? String == "udp" {
            #expect(markers.last?["to"] as? String == "udp", "the sender came back to UDP: \(markers)")
        }
        let row = try #require((state["rows"] as? [[String: Any]])?.first)
        #expect(row["path_switches"] as? Int == markers.count)
    }

    /// `impair --web`: the relay's own counts, against its ground-truth log.
    @Test func theRelaysCountsMatchItsGroundTruth() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let truth = directory.appendingPathComponent("truth.jsonl").path
        let webPort = FreePort.tcp()
        let (receiver, relay, relayPort) = try Self.receiverBehindRelay(
            ["--impair", "loss=10%,seed=9", "--impair-log", truth, "--duration", "8s", "--web", "\(webPort)"])
        defer {
            receiver.interrupt()
            relay.interrupt()
        }
        #expect(try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:\(relayPort)", "--duration", "2s"]).exitCode == 0)
        // The relay publishes its counts once a second: wait for all 100 packets to show.
        var up: [String: Any] = [:]
        _ = Wait.until(timeoutSeconds: 5) {
            guard let (status, body) = HTTPGet.get(port: webPort, path: "/api/streams"), status == 200,
                let page = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
                let paths = page["relay"] as? [[String: Any]],
                let rtp = paths.first(where: { $0["path"] as? String == "rtp up" })
            else { return false }
            up = rtp
            return rtp["packets_in"] as? Int == 100
        }
        let dropped = try ImpairmentCommandTests.droppedCount(log: truth, path: "rtp up")
        #expect(up["packets_in"] as? Int == 100, "\(up)")
        #expect(up["dropped"] as? Int == dropped, "\(up), ground truth \(dropped)")
        #expect(up["packets_out"] as? Int == 100 - dropped)
        #expect(HTTPGet.get(port: webPort, path: "/api/streams/1")?.0 == 404)
        #expect(try relay.finish(timeoutSeconds: 20).exitCode == 0)
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
    }

    /// `demo --web`: the loopback stream (through the demo's impairment) shows up live, and
    /// the demo still checks the tone it heard.
    @Test func theDemoServesItsStreamLive() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let webPort = FreePort.tcp()
        let demo = try CommandRunner.start(
            CommandRunner.jitterbugPath,
            ["demo", "--web", "\(webPort)", "--duration", "4s", "--no-compare",
             "--output", directory.appendingPathComponent("demo.wav").path])
        defer { demo.interrupt() }
        try demo.waitForLine(containing: "live view at http://127.0.0.1:\(webPort)/")
        var row: [String: Any] = [:]
        _ = Wait.until(timeoutSeconds: 10) {
            guard let (status, body) = HTTPGet.get(port: webPort, path: "/api/streams"), status == 200,
                let page = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
                let first = (page["streams"] as? [[String: Any]])?.first
            else { return false }
            row = first
            return (first["packets"] as? Int ?? 0) >= 100
        }
        #expect((row["packets"] as? Int ?? 0) >= 100, "\(row)")
        #expect(row["codec"] as? String == "opus")
        let finished = try demo.finish(timeoutSeconds: 30)
        #expect(finished.exitCode == 0, "\(finished.stderr)")
        #expect(finished.stdout.contains("dominant frequency"))
    }
}

/// A DOM dump taken on another thread while the test drives the stream.
final class DOMJob: @unchecked Sendable {
    let url: String
    private let group = DispatchGroup()
    private var result: Result<HeadlessChromium.PageLoad, any Error>?

    init(url: String) { self.url = url }

    func start() {
        group.enter()
        DispatchQueue.global().async { [self] in
            result = Result { try HeadlessChromium.dumpDOM(url, settleMilliseconds: 2_000, realTime: false, timeoutSeconds: 90) }
            group.leave()
        }
    }

    /// The page load (nil if it did not finish in 100 s).
    func wait() throws -> HeadlessChromium.PageLoad? {
        guard group.wait(timeout: .now() + 100) == .success else { return nil }
        return try result?.get()
    }
}

extension WebViewCommandTests {
    /// A quiet `recv` (no interval lines) behind an `impair` relay started with `relayArguments`
    /// (its --impair, --duration, --web, …): both running, and the port to send to.
    static func receiverBehindRelay(_ relayArguments: [String]) throws -> (receiver: RunningCommand, relay: RunningCommand, relayPort: Int) {
        let receiverPort = CommandRunner.freeUDPPort()
        let relayPort = CommandRunner.freeUDPPort()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(receiverPort)", "--until-idle", "1s", "--duration", "20s", "--interval", "0s"])
        do {
            let relay = try CommandRunner.startListening(
                ["impair", "--listen", "127.0.0.1:\(relayPort)", "--forward", "127.0.0.1:\(receiverPort)"] + relayArguments,
                readyLine: "jitterbug impair: relaying")
            return (receiver, relay, relayPort)
        } catch {
            receiver.interrupt()
            throw error
        }
    }
}
