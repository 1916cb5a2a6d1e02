import Foundation
import Impairment
import JitterbugSupport
import Pipelines
import RTCP

/// Turns the sender pipeline's events into the lines `send` prints, the `--events` JSON Lines
/// and the `--trace` CSV.
struct SenderOutput: Sendable {
    /// `send --events FILE`.
    var events: LineFile?
    /// `send --trace FILE`, its header already written.
    var trace: LineFile?

    static let traceHeader = "sequence,rtp_timestamp,send_unix_us,rtp_bytes,payload_bytes"

    func handle(_ event: SenderEvent) {
        if case .packetSent(let record) = event {
            trace?.write(
                "\(record.sequenceNumber),\(record.rtpTimestamp),\(record.sendUnixMicroseconds),"
                    + "\(record.rtpBytes),\(record.payloadBytes)")
            return
        }
        if let line = Self.line(for: event) { Console.out(line) }
        if let events, let record = SenderEventRecord(event) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            if let data = try? encoder.encode(record) { events.write(String(decoding: data, as: UTF8.self)) }
        }
    }

    /// The console line for `event`, if it has one.
    static func line(for event: SenderEvent) -> String? {
        switch event {
        case .tcpConnectedAgain(let at, let number):
            "[\(stamp(at))] TCP connection made again (connection \(number))"
        case .tcpClosed(let at, let upFor, let retryIn):
            "[\(stamp(at))] TCP connection closed after \(upFor.seconds.formatted(decimals: 2)) s; reconnecting in \(retryIn.seconds.formatted(decimals: 2)) s"
        case .tcpReconnectFailed(let at, let reason, let retryIn):
            "[\(stamp(at))] TCP reconnection failed (\(reason)); next try in \(retryIn.seconds.formatted(decimals: 2)) s"
        case .switched(let change):
            "[\(stamp(change.time))] switched to \(change.to.rawValue.uppercased()): \(change.reason)"
        case .udpOnly(let peer, let reason):
            "auto: TCP standby to \(peer) unavailable (\(reason)); streaming on UDP, trying TCP again quietly"
        case .udpSendRefused(let at, let reason):
            "[\(stamp(at))] UDP send refused by this host: \(reason); going on, refused packets are counted and lost"
        case .pathDirection(let change):
            "[\(stamp(change.time))] UDP \(change.direction == .toSender ? "return path (receiver to sender)" : "forward path (sender to receiver)") "
                + "\(change.down ? "down" : "back"): \(change.reason)"
        case .tcpStandbyConnected(let at):
            "[\(stamp(at))] auto: TCP standby connected"
        case .receiverReport(let at, let status):
            intervalLine(at: at, status: status)
        case .autoFinished(let auto):
            "auto: \(auto.sentByUDP) packets sent by UDP\(udpFailureText(auto)), \(auto.sentByTCP) by TCP, \(auto.switches.count) switches, "
                + "\(auto.tcpConnections) TCP connection\(auto.tcpConnections == 1 ? "" : "s"), ended on \(auto.endedOn.rawValue.uppercased())"
        case .tcpFinished(let tcp):
            "tcp: \(tcp.counters.framesSent) frames sent, \(tcp.counters.deadlineDrops) dropped past their "
                + "\(Interval(tcp.deadline)) deadline, \(tcp.counters.notConnectedDrops) while not connected, "
                + "queue peak \(tcp.counters.queueHighWater), \(tcp.connections) connection\(tcp.connections == 1 ? "" : "s")"
        case .packetSent:
            nil
        }
    }

    /// " (N did not leave: M refused by this host, …)" when UDP sends failed locally.
    private static func udpFailureText(_ auto: AutoPathSummary) -> String {
        guard auto.udpSendFailures > 0 else { return "" }
        return " (\(auto.udpSendFailures) did not leave this host: \(auto.udpRefusedByKernel) refused by the kernel, "
            + "\(auto.udpSendFailures - auto.udpRefusedByKernel) while the socket was opened again)"
    }

    private static func stamp(_ time: Duration) -> String { "\(time.seconds.formatted(decimals: 2)) s" }

    /// One interval line: time, then what the receiver's latest report says.
    static func intervalLine(at now: Duration, status: SenderRTCPSession.Status) -> String {
        let t = now.seconds.formatted(decimals: 1)
        guard status.reportsReceived > 0 else { return "[\(t) s] no receiver report yet" }
        let rtt = status.roundTripMilliseconds.map { "\($0.formatted(decimals: 2)) ms" } ?? "n/a"
        let lost = status.fractionLost.map { "\(($0 * 100).formatted(decimals: 1))%" } ?? "n/a"
        let windowed = status.windowedLossFraction.map { "\(($0 * 100).formatted(decimals: 1))%" } ?? "n/a"
        let jitter = status.jitterMilliseconds.map { "\($0.formatted(decimals: 2)) ms" } ?? "n/a"
        return "[\(t) s] receiver reports: rtt \(rtt), lost \(lost) (5 s window \(windowed), \(cumulativeText(status.cumulativeLost ?? 0))), jitter \(jitter)"
    }

    /// RFC 3550's cumulative lost is expected − received, negative when duplicates (both paths
    /// around an `auto` switch, a duplicating link) outnumber losses: say so instead of "-165 lost".
    static func cumulativeText(_ cumulativeLost: Int32) -> String {
        cumulativeLost >= 0
            ? "\(cumulativeLost) lost"
            : "0 lost, \(-Int(cumulativeLost)) more received than sent (duplicates)"
    }

    /// What the receiver's last RTCP report says: loss (never negative; net duplicates apart),
    /// jitter and round trip.
    static func receiverLine(status: SenderRTCPSession.Status, packetsSent: Int) -> String {
        guard let reported = SenderSummaryJSON.receiverReported(status, packetsSent: packetsSent) else {
            return "receiver reported nothing: no RTCP receiver report arrived"
        }
        let rtt = reported.roundTripMilliseconds.map { "rtt \($0.formatted(decimals: 2)) ms" } ?? "rtt n/a"
        let jitter = reported.jitterMilliseconds.map { "jitter \($0.formatted(decimals: 2)) ms" } ?? "jitter n/a"
        // RFC 3550 cumulative lost below zero: more arrived than was sent (net duplicates).
        let duplicates = reported.duplicates > 0
            ? "\(reported.duplicates) more received than sent (duplicates)" : "0 duplicates"
        return "receiver reported \(reported.lostPackets) lost of \(packetsSent) sent "
            + "(\(reported.lossPercent.formatted(decimals: 2)) %), \(duplicates), \(jitter), \(rtt)"
    }

    /// The end-of-run lines: the sender summary, RTCP, what the receiver reported about the
    /// stream (as iperf3's client prints the server's results), and the impairment counters.
    static func summaryLines(destination: String, result: SenderResult, spec: ImpairmentSpec?) -> [String] {
        let status = result.rtcp
        var lines = [
            "jitterbug send to \(destination): \(result.summary.line)",
            "rtcp: \(status.reportsSent) sender reports sent, \(status.reportsReceived) receiver reports received",
            receiverLine(status: status, packetsSent: result.summary.packets),
        ]
        if result.udpSendsRefused > 0 {
            lines.append(
                "udp: \(result.udpSendsRefused) packets did not leave this host (refused by the kernel, e.g. a local "
                    + "firewall, or offered while the socket was opened again)")
        }
        if let impaired = result.impairment {
            lines.append(
                "impairment \(spec.map { "\($0)" } ?? ""): \(impaired.dropped) of \(impaired.submitted) packets dropped, "
                    + "\(impaired.duplicated) duplicated, \(impaired.corrupted) corrupted")
        }
        return lines
    }
}
