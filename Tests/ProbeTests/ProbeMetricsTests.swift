import MetricsExport
import Probe
import Testing

/// The Prometheus series of finished tests: names and labels as documented, bounded labels.
@Suite struct ProbeMetricsTests {
    static func text(_ metrics: ProbeMetrics) -> String {
        String(decoding: metrics.registry.emitToBuffer(), as: UTF8.self)
    }

    static func outbound(_ peer: String, ok: Bool) -> ProbeTestResult {
        var result = ProbeTestResult(peer: peer, direction: .outbound, transport: "udp", ok: ok, endedAtUnixSeconds: 0)
        result.packetsSent = 500
        if ok {
            result.packetsLost = 25
            result.lossRatio = 0.05
            result.jitterSeconds = 0.002
            result.roundTripSeconds = 0.010
            result.mos = 4.1
        }
        return result
    }

    @Test func bothDirectionsAndTheTestCounters() {
        let metrics = ProbeMetrics()
        metrics.setPeers(["paris"])
        metrics.record(Self.outbound("paris", ok: true))
        var inbound = ProbeTestResult(peer: "paris", direction: .inbound, transport: "udp", ok: true, endedAtUnixSeconds: 0)
        inbound.packetsReceived = 490
        inbound.packetsLost = 10
        inbound.lossRatio = 0.02
        inbound.lateLossRatio = 0
        inbound.jitterSeconds = 0.001
        inbound.mos = 4.3
        inbound.oneWayDelaySeconds = 0.004
        metrics.record(inbound)
        metrics.record(Self.outbound("paris", ok: false))
        let text = Self.text(metrics)
        for line in [
            #"jitterbug_probe_up{peer="paris"} 0.0"#,
            #"jitterbug_probe_tests_total{peer="paris",transport="udp",result="ok"} 1"#,
            #"jitterbug_probe_tests_total{peer="paris",transport="udp",result="failed"} 1"#,
            #"jitterbug_probe_loss_ratio{peer="paris",direction="outbound"} 0.05"#,
            #"jitterbug_probe_loss_ratio{peer="paris",direction="inbound"} 0.02"#,
            #"jitterbug_probe_packets_lost_total{peer="paris",direction="outbound"} 25"#,
            #"jitterbug_probe_packets_lost_total{peer="paris",direction="inbound"} 10"#,
            #"jitterbug_probe_packets_sent_total{peer="paris"} 1000"#,
            #"jitterbug_probe_packets_received_total{peer="paris"} 490"#,
            #"jitterbug_probe_rtt_seconds{peer="paris"} 0.01"#,
            #"jitterbug_probe_mos{peer="paris",direction="inbound"} 4.3"#,
            #"jitterbug_probe_one_way_delay_seconds_bucket{peer="paris",direction="inbound",le="0.005"} 1"#,
            #"jitterbug_probe_one_way_delay_seconds_count{peer="paris",direction="inbound"} 1"#,
        ] {
            #expect(text.contains(line + "\n"), "\(line) in\n\(text)")
        }
        #expect(text.contains("# TYPE jitterbug_probe_one_way_delay_seconds histogram"))
        #expect(text.contains("# HELP jitterbug_probe_up "))
    }

    /// Skipped tests (the previous test to the peer still running) are counted per peer; an
    /// unknown peer makes no series.
    @Test func skippedTestsAreCountedPerPeer() {
        let metrics = ProbeMetrics()
        metrics.setPeers(["paris", "rome"])
        metrics.recordSkipped(peer: "paris")
        metrics.recordSkipped(peer: "paris")
        metrics.recordSkipped(peer: "nobody")
        let text = Self.text(metrics)
        #expect(text.contains(#"jitterbug_probe_tests_skipped_total{peer="paris"} 2"# + "\n"), "\(text)")
        #expect(!text.contains(#"peer="nobody""#))
        #expect(!text.contains(#"jitterbug_probe_tests_skipped_total{peer="rome"}"#))
        #expect(text.contains("# HELP jitterbug_probe_tests_skipped_total "))
    }

    /// Results of unknown peers are dropped; "other" is kept; a peer dropped by a reload loses its series.
    @Test func labelsStayBounded() {
        let metrics = ProbeMetrics()
        metrics.setPeers(["paris", "rome"])
        metrics.record(Self.outbound("rome", ok: true))
        metrics.record(Self.outbound("nobody", ok: true))
        var inbound = ProbeTestResult(peer: "other", direction: .inbound, transport: "udp", ok: true, endedAtUnixSeconds: 0)
        inbound.packetsReceived = 10
        metrics.record(inbound)
        var text = Self.text(metrics)
        #expect(text.contains(#"peer="rome""#))
        #expect(!text.contains(#"peer="nobody""#))
        #expect(text.contains(#"jitterbug_probe_packets_received_total{peer="other"} 10"#))
        metrics.setPeers(["paris"])
        text = Self.text(metrics)
        #expect(!text.contains(#"peer="rome""#), "\(text)")
        #expect(text.contains(#"peer="other""#))
    }
}
