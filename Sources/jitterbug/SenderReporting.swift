import Foundation
import NIOCore
import Streaming
import Transport

/// The sender's RTCP tasks for the CLI: sends sender reports on schedule, reads receiver reports,
/// prints an interval line with what the receiver reports, and says BYE at the end.
struct SenderReporting: Sendable {
    let rtcpMux: Bool
    let interval: Duration?
    let session = SenderRTCPSession()

    /// RTCP goes to the receiver's RTP port + 1, or its RTP port with rtcp-mux.
    func rtcpDestination(for destination: SocketAddress) -> SocketAddress {
        guard !rtcpMux else { return destination }
        var address = destination
        address.port = (destination.port ?? 0) + 1
        return address
    }

    func start(rtcpSocket: UDPSocket, destination: SocketAddress, clock: ContinuousClock, start: ContinuousClock.Instant) -> [Task<Void, any Error>] {
        let session = self.session
        let to = rtcpDestination(for: destination)
        let reader = Task {
            for try await datagram in rtcpSocket.inbound where datagram.remoteAddress.ipAddress == destination.ipAddress {
                let bytes = Array(datagram.data.readableBytesView)
                session.receive(bytes, arrival: start.duration(to: clock.now), wallClock: WallClock.now())
            }
        }
        let interval = self.interval
        let ticker = Task {
            var nextLine = interval
            while !Task.isCancelled {
                let now = start.duration(to: clock.now)
                if let report = session.reportIfDue(now: now, wallClock: WallClock.now()) {
                    try? await rtcpSocket.send(report, to: to)
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
    func finish(_ tasks: [Task<Void, any Error>], rtcpSocket: UDPSocket, destination: SocketAddress, clock: ContinuousClock, start: ContinuousClock.Instant) async throws {
        let now = start.duration(to: clock.now)
        if let goodbye = session.reportIfDue(now: now, wallClock: WallClock.now(), goodbye: true) {
            try? await rtcpSocket.send(goodbye, to: rtcpDestination(for: destination))
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
