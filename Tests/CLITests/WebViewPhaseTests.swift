import Foundation
import JitterbugTestSupport
import Testing

/// Impairment phases on the live view: `demo --web` runs its impairment in process, so the
/// page knows when a phase begins. The reference is the spec itself: no loss before the phase,
/// 30 % after, so the first interval with loss is the one the phase began in.
@Suite(.serialized) struct WebViewPhaseTests {
    @Test func aPhaseChangeIsMarkedAtTheIntervalItBeganIn() async throws {
        guard HeadlessChromium.executable != nil else {
            Issue.record("chromium is not installed (Tools/setup installs it)")
            return
        }
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let webPort = FreePort.tcp()
        let demo = try CommandRunner.start(
            CommandRunner.jitterbugPath,
            ["demo", "--web", "\(webPort)", "--duration", "6s", "--no-compare", "--impair", "at=3s:loss=30%,seed=4",
             "--output", directory.appendingPathComponent("demo.wav").path])
        defer { demo.interrupt() }
        try demo.waitForLine(containing: "live view at http://127.0.0.1:\(webPort)/")
        // A plain event client from the start (the browser may connect after 3 s on a busy host).
        let client = try #require(LoopbackHTTPClient(port: webPort, readTimeoutSeconds: 20))
        #expect(client.send("GET", "/events"))
        let reader = Task.detached { client.readEvents(100, last: "end") }
        let dom = DOMJob(url: "http://127.0.0.1:\(webPort)/")
        dom.start()
        let events = await reader.value
        let finished = try demo.finish(timeoutSeconds: 60)
        #expect(finished.exitCode == 0, "\(finished.stderr)")
        let page = try #require(try dom.wait(), "chromium did not finish in 100 s")
        let state = try WebViewCommandTests.state(in: page.dom)
        #expect(state["run_ended"] as? Bool == true, "\(state)")
        let phases = try #require(state["phases"] as? [[String: Any]], "\(state)")
        #expect(phases.count == 1, "\(phases)")
        let phase = try #require(phases.first)
        #expect(phase["kind"] as? String == "phase")
        #expect(phase["label"] as? String == "loss=30%")
        #expect(phase["start_s"] as? Double == 3)
        #expect(phase["end_s"] is NSNull, "\(phase)")
        // The `phase` event came once, at 3 s (on the view's clock, give or take the demo's start-up).
        let phaseEvents = events.filter { $0.event == "phase" }
        #expect(phaseEvents.count == 1, "\(events.map(\.event))")
        let sent = try #require(try phaseEvents.first.flatMap { try JSONSerialization.jsonObject(with: Data($0.data.utf8)) as? [String: Any] })
        #expect(sent["label"] as? String == "loss=30%" && sent["start_s"] as? Double == 3, "\(sent)")
        #expect(abs((sent["t_s"] as? Double ?? 0) - 3) < 0.5, "\(sent)")
        #expect((state["phase_events"] as? Int ?? 0) <= 1, "\(state)")
        #expect(state["phase_bands"] as? Int == 1, "the band is drawn on the loss chart: \(state)")
        #expect(page.dom.contains("data-start-s=\"3\""))
        // The interval the phase began in is the first with loss: the one whose span holds 3 s
        // (the sender's impairment clock starts within tens of ms of the receiver's).
        let intervals = try #require(state["lost_by_interval"] as? [[Double]], "\(state)")
        #expect(intervals.count >= 5, "\(intervals)")
        let before = intervals.filter { $0[0] <= 2.95 }
        #expect(!before.isEmpty && before.allSatisfy { $0[1] == 0 }, "no loss before the phase: \(intervals)")
        let firstLossy = try #require(intervals.first { $0[1] > 0 }, "\(intervals)")
        #expect(firstLossy[0] > 2.95 && firstLossy[0] <= 4.05, "first lossy interval ends at \(firstLossy[0]): \(intervals)")
        #expect(page.consoleMessages.filter { $0.contains("Uncaught") || $0.contains("rror") }.isEmpty, "\(page.consoleMessages)")
    }
}

/// `lab --web`: the link runs in this process, so the page lists its phases; the reference is
/// the link's own counts (the `relay` events): nothing dropped before the phase, drops in the
/// first second after it.
@Suite(
    .serialized,
    .enabled(if: getuid() == 0 && FileManager.default.fileExists(atPath: "/dev/net/tun"), "needs root and /dev/net/tun"))
struct LabWebPhaseTests {
    @Test func theLabsPhaseIsListedAndItsDropsStartThere() async throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let summary = directory.appendingPathComponent("recv.json").path
        let webPort = FreePort.tcp()
        let lab = try CommandRunner.start(
            CommandRunner.jitterbugPath,
            ["lab", "--impair", "up:at=3s:loss=40%,seed=2", "--web", "\(webPort)", "--",
             "recv", "--listen", "5004", "--until-idle", "2s", "--json", summary,
             "::", "send", "--to", "{receiver}:5004", "--duration", "6s"])
        defer { lab.interrupt() }
        try lab.waitForLine(containing: "live view at http://127.0.0.1:\(webPort)/")
        let client = try #require(LoopbackHTTPClient(port: webPort, readTimeoutSeconds: 20))
        #expect(client.send("GET", "/events"))
        let reader = Task.detached { client.readEvents(200, last: "end") }
        let dom = DOMJob(url: "http://127.0.0.1:\(webPort)/")
        dom.start()
        let events = await reader.value
        let finished = try lab.finish(timeoutSeconds: 60)
        #expect(finished.exitCode == 0, "\(finished.stderr)")
        let page = try #require(try dom.wait(), "chromium did not finish in 100 s")
        let state = try WebViewCommandTests.state(in: page.dom)
        let phases = try #require(state["phases"] as? [[String: Any]], "\(state)")
        #expect(phases.count == 1 && phases.first?["direction"] as? String == "up", "\(phases)")
        #expect(phases.first?["start_s"] as? Double == 3 && phases.first?["label"] as? String == "loss=40%", "\(phases)")
        #expect(page.dom.contains("data-start-s=\"3\""))
        let json = { (data: String) in (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any] ?? [:] }
        let phase = try #require(events.first { $0.event == "phase" }.map { json($0.data) }, "\(events.map(\.event))")
        #expect(abs((phase["t_s"] as? Double ?? 0) - 3) < 0.5, "\(phase)")
        // (t_s, dropped so far) on the sender → receiver path, once a second.
        let drops: [(Double, Int)] = events.filter { $0.event == "relay" }.compactMap { event in
            let object = json(event.data)
            let up = (object["paths"] as? [[String: Any]])?.first { $0["path"] as? String == "up (sender → receiver)" }
            guard let t = object["t_s"] as? Double, let dropped = up?["dropped"] as? Int else { return nil }
            return (t, dropped)
        }
        #expect(drops.filter { $0.0 <= 2.95 }.allSatisfy { $0.1 == 0 } && drops.contains { $0.0 <= 2.95 }, "\(drops)")
        let firstDrop = try #require(drops.first { $0.1 > 0 }, "\(drops)")
        #expect(firstDrop.0 > 2.95 && firstDrop.0 <= 4.1, "first drops counted at \(firstDrop.0) s: \(drops)")
        // The receiver in the other namespace is on the page: its stream's row with the loss
        // its own --json reports (the final figures came through the feed), and a chart point
        // per interval it was heard in, on the link's clock.
        let rows = try #require(state["rows"] as? [[String: Any]], "\(state)")
        #expect(rows.count == 1, "\(state)")
        let final = try readJSONObject(summary)
        let lost = try #require(final["lost_packets"] as? Int)
        #expect(lost > 0 && rows.first?["lost"] as? Int == lost, "page \(rows), recv --json lost \(lost)")
        #expect(rows.first?["packets"] as? Int == final["packets"] as? Int, "\(rows)")
        let points = try #require(state["chart_points"] as? Int, "\(state)")
        // 6 s of packets, then 2 s until the idle timeout ends the stream: a span of 8 s or a
        // little more (a loaded sender stretches its 6 s) touches up to 10 one-second intervals.
        #expect((5...10).contains(points), "\(points) chart points for a 6 s stream")
        let intervals = try #require(state["lost_by_interval"] as? [[Double]], "\(state)")
        let firstLossy = try #require(intervals.first { $0[1] > 0 }, "\(intervals)")
        #expect(firstLossy[0] > 2.95 && firstLossy[0] <= 4.6, "first lossy interval ends at \(firstLossy[0]): \(intervals)")
    }
}

/// `impair --web`: the relay lists its spec's phases and sends each `phase` event as the relay's
/// own clock reaches it; the reference is the relay's counts (nothing dropped before the phase).
@Suite(.serialized) struct ImpairWebPhaseTests {
    @Test func theRelayListsItsPhaseAndSendsItsEventOnTime() async throws {
        let webPort = FreePort.tcp()
        let (receiver, relay, relayPort) = try WebViewCommandTests.receiverBehindRelay(
            ["--impair", "at=2s:loss=50%,seed=3", "--duration", "5s", "--web", "\(webPort)"])
        defer {
            receiver.interrupt()
            relay.interrupt()
        }
        let client = try #require(LoopbackHTTPClient(port: webPort, readTimeoutSeconds: 20))
        #expect(client.send("GET", "/events"))
        let reader = Task.detached { client.readEvents(100, last: "end") }
        let (status, body) = try #require(HTTPGet.get(port: webPort, path: "/api/streams"))
        #expect(status == 200)
        let page = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let phases = try #require(page["phases"] as? [[String: Any]], "\(page)")
        #expect(phases.count == 1 && phases.first?["label"] as? String == "loss=50%", "\(phases)")
        #expect(phases.first?["start_s"] as? Double == 2, "\(phases)")
        let send = try CommandRunner.jitterbug(["send", "--to", "127.0.0.1:\(relayPort)", "--duration", "4s"])
        #expect(send.exitCode == 0, "\(send.stderr)")
        let events = await reader.value
        #expect(try relay.finish(timeoutSeconds: 20).exitCode == 0)
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        let json = { (data: String) in (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any] ?? [:] }
        let phaseEvents = events.filter { $0.event == "phase" }.map { json($0.data) }
        #expect(phaseEvents.count == 1, "\(events.map(\.event))")
        #expect(abs((phaseEvents.first?["t_s"] as? Double ?? 0) - 2) < 0.5, "\(phaseEvents)")
        let drops: [(Double, Int)] = events.filter { $0.event == "relay" }.compactMap { event in
            let object = json(event.data)
            let up = (object["paths"] as? [[String: Any]])?.first { $0["path"] as? String == "rtp up" }
            guard let t = object["t_s"] as? Double, let dropped = up?["dropped"] as? Int else { return nil }
            return (t, dropped)
        }
        #expect(drops.filter { $0.0 <= 1.95 }.allSatisfy { $0.1 == 0 }, "no drops before the phase: \(drops)")
        #expect((drops.last?.1 ?? 0) > 0, "drops after the phase: \(drops)")
    }
}
