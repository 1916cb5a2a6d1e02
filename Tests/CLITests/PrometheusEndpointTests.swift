import Foundation
import JitterbugTestSupport
import Testing

/// `recv --metrics` serves Prometheus text format that an existing Prometheus can scrape.
@Suite(.serialized) struct PrometheusEndpointTests {
    /// Runs `recv --metrics` with `receiverArguments`, starts `send` with `senderArguments`, and
    /// scrapes `/metrics` every 100 ms until `ready` holds for the scraped text (or 10 s pass);
    /// returns the processes (to finish) and the last scrape.
    static func scrapeDuringStream(
        receiverArguments: [String] = [], senderArguments: [String], until ready: (String) -> Bool
    ) throws -> (receiver: RunningCommand, sender: RunningCommand, metricsPort: Int, scraped: (Int, String)?) {
        let port = CommandRunner.freeUDPPort()
        let metricsPort = FreePort.tcp()
        let receiver = try CommandRunner.startListening(
            ["recv", "--listen", "127.0.0.1:\(port)", "--until-idle", "1s", "--duration", "20s", "--interval", "500ms",
             "--metrics", "127.0.0.1:\(metricsPort)"] + receiverArguments)
        try receiver.waitForLine(containing: "Prometheus metrics at")
        let sender = try CommandRunner.start(
            CommandRunner.jitterbugPath, ["send", "--to", "127.0.0.1:\(port)", "--duration", "3s"] + senderArguments)
        var scraped: (Int, String)?
        _ = Wait.until(timeoutSeconds: 10) {
            scraped = HTTPGet.get(port: metricsPort, path: "/metrics")
            return scraped.map { ready($0.1) } ?? false
        }
        return (receiver, sender, metricsPort, scraped)
    }

    @Test func scrapeWhileReceiving() throws {
        let (receiver, sender, metricsPort, scrape) = try Self.scrapeDuringStream(
            senderArguments: ["--tone", "440", "--impair", "loss=10%,seed=4"],
            until: { text in
                let samples = Self.parse(text)
                return (samples["jitterbug_packets_received_total"] ?? 0) > 50 && (samples["jitterbug_packets_lost_total"] ?? 0) >= 1
            })
        let scraped = try #require(scrape)
        #expect(scraped.0 == 200)
        let samples = Self.parse(scraped.1)
        #expect((samples["jitterbug_packets_received_total"] ?? 0) > 50, "\(scraped.1)")
        #expect((samples["jitterbug_packets_lost_total"] ?? 0) >= 1)
        #expect(samples["jitterbug_jitter_seconds"] != nil)
        #expect(samples["jitterbug_mos_estimate"] != nil)
        #expect(samples["jitterbug_buffer_playout_delay_seconds"] != nil, "\(scraped.1)")
        // The accounting counters exist from the first scrape (zero on a clean stream).
        for name in ["jitterbug_sequence_restarts_total", "jitterbug_packets_bad_sequence_total",
                     "jitterbug_packets_wrong_timestamp_total", "jitterbug_packets_empty_payload_total"] {
            #expect(scraped.1.contains("# TYPE \(name) counter"), "\(name) in \(scraped.1)")
        }
        #expect(scraped.1.contains("# TYPE jitterbug_packets_received_total counter"))
        #expect(HTTPGet.get(port: metricsPort, path: "/other")?.0 == 404)
        #expect(try sender.finish(timeoutSeconds: 20).exitCode == 0)
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
    }

    /// Per-stream series carry `source` and `ssrc` labels, for at most `--metrics-stream-limit`
    /// streams; the rest are counted, so a flood of SSRCs cannot blow up the scrape.
    @Test func perStreamSeriesStopAtTheLimit() throws {
        let (receiver, sender, _, scrape) = try Self.scrapeDuringStream(
            receiverArguments: ["--metrics-stream-limit", "3"], senderArguments: ["--streams", "5"],
            until: { text in Self.parse(text)["jitterbug_streams"] == 5 && Self.streamSeries(text).count >= 3 })
        let scraped = try #require(scrape)
        let series = Self.streamSeries(scraped.1)
        #expect(series.count == 3, "\(scraped.1)")
        #expect(series.allSatisfy { $0.contains("source=\"127.0.0.1:") && $0.contains("ssrc=\"0x") })
        #expect(Self.parse(scraped.1)["jitterbug_streams_unlabelled"] == 2)
        #expect(Self.parse(scraped.1)["jitterbug_streams"] == 5)
        #expect(try sender.finish(timeoutSeconds: 20).exitCode == 0)
        #expect(try receiver.finish(timeoutSeconds: 20).exitCode == 0)
        let bad = try CommandRunner.jitterbug(["recv", "--listen", "5004", "--metrics", "9100", "--metrics-stream-limit", "20000"])
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("expected 0 to 10000"), "\(bad.stderr)")
    }

    /// The per-stream packet counter lines (labelled with `source` and `ssrc`).
    static func streamSeries(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.hasPrefix("jitterbug_stream_packets_received_total{") }
    }

    /// `name value` lines of the exposition format, without labels.
    static func parse(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            if parts.count == 2, !parts[0].contains("{"), let value = Double(parts[1]) { samples[String(parts[0])] = value }
        }
        return samples
    }
}
