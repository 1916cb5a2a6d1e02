import JitterbugSupport
import RTCP
import Foundation
import NIOCore
import RTP
import SRTP
import Pipelines
import Transport

/// The sender's RTCP tasks for the CLI: sends sender reports on schedule, reads receiver reports,
/// prints an interval line with what the receiver reports, and says BYE at the end.
struct SenderReporting: Sendable {
    let rtcpMux: Bool
    let interval: Duration?
    let session = SenderRTCPSession()
    /// `send --trace FILE`: one CSV line per RTP packet as it is handed to the transport.
    var trace: LineFile?
    /// `send --srtp`: the SRTP session that protects RTP and RTCP.
    var srtp: SRTPSession?
    /// `send --events FILE`: transport switches and TCP connection events as JSON Lines.
    var events: LineFile?

    static let traceHeader = "sequence,rtp_timestamp,send_unix_us,rtp_bytes,payload_bytes"

    /// Records one packet: CSV `sequence,rtp_timestamp,send_unix_us,rtp_bytes,payload_bytes`.
    func notePacket(_ packet: RTPPacket, at now: Duration) {
        session.notePacket(packet, at: now)
        guard let trace else { return }
        let wall = WallClock.now()
        let microseconds = wall.components.seconds * 1_000_000 + wall.components.attoseconds / 1_000_000_000_000
        trace.write(
            "\(packet.header.sequenceNumber),\(packet.header.timestamp),\(microseconds),"
                + "\(packet.serializedLength),\(packet.payload.count)")
    }


    func start(channel: RTCPChannel, clock: ContinuousClock, start: ContinuousClock.Instant) -> [Task<Void, any Error>] {
        let session = self.session
        let reader = Task {
            try await channel.read { bytes in
                session.receive(bytes, arrival: start.duration(to: clock.now), wallClock: WallClock.now())
            }
        }
        let interval = self.interval
        let ticker = Task {
            var nextLine = interval
            while !Task.isCancelled {
                let now = start.duration(to: clock.now)
                if let report = session.reportIfDue(now: now, wallClock: WallClock.now()) {
                    await channel.send(report)
                }
                if let due = nextLine, let every = interval, now >= due {
                    Console.out(Self.line(at: now, status: session.status(now: now)))
                    nextLine = due + every
                }
                try await clock.sleep(for: .milliseconds(20))
            }
        }
        return [reader, ticker]
    }

    /// Sends the last sender report with BYE, then stops the RTCP tasks.
    func finish(_ tasks: [Task<Void, any Error>], channel: RTCPChannel, clock: ContinuousClock, start: ContinuousClock.Instant) async throws {
        let now = start.duration(to: clock.now)
        channel.willSayGoodbye()
        if let goodbye = session.reportIfDue(now: now, wallClock: WallClock.now(), goodbye: true) {
            await channel.send(goodbye)
            // The receiver answers our BYE with its final report and BYE; wait up to 1.5 s for it
            // so the summary carries the receiver's final figures.
            let deadline = clock.now.advanced(by: .milliseconds(1500))
            while clock.now < deadline, !session.status(now: now).receiverSaidGoodbye {
                try await clock.sleep(for: .milliseconds(20))
            }
        }
        tasks.forEach { $0.cancel() }
    }

    /// One interval line: time, then what the receiver's latest report says.
    static func line(at now: Duration, status: SenderRTCPSession.Status) -> String {
        let t = now.seconds.formatted(decimals: 1)
        guard status.reportsReceived > 0 else { return "[\(t) s] no receiver report yet" }
        let rtt = status.roundTripMilliseconds.map { "\($0.formatted(decimals: 2)) ms" } ?? "n/a"
        let lost = status.fractionLost.map { "\(($0 * 100).formatted(decimals: 1))%" } ?? "n/a"
        let windowed = status.windowedLossFraction.map { "\(($0 * 100).formatted(decimals: 1))%" } ?? "n/a"
        let jitter = status.jitterMilliseconds.map { "\($0.formatted(decimals: 2)) ms" } ?? "n/a"
        return "[\(t) s] receiver reports: rtt \(rtt), lost \(lost) (5 s window \(windowed), cumulative \(status.cumulativeLost ?? 0)), jitter \(jitter)"
    }

    /// The end-of-run RTCP line.
    var summaryLine: String {
        let status = session.status(now: .zero)
        let rtt = status.roundTripMilliseconds.map { "last rtt \($0.formatted(decimals: 2)) ms" } ?? "no rtt"
        let lost = status.cumulativeLost.map { "receiver reported \($0) lost" } ?? "no receiver report"
        return "rtcp: \(status.reportsSent) sender reports sent, \(status.reportsReceived) receiver reports received, \(rtt), \(lost)"
    }
}
