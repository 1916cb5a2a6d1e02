import JitterbugSupport
import Reports
import Foundation
import Impairment
import NIOCore
import Pipelines
import Transport

/// `send --transport auto`: UDP first, TCP (RFC 4571) when UDP stops working, back to UDP when
/// it recovers (``FallbackPolicy``). Sender-side impairment applies to the UDP leg only, so a
/// `blackhole=` term makes a UDP outage to fall back from. A TCP connection that drops (a
/// receiver restart) is made again in the background (``TCPReconnectingClient``); meanwhile
/// packets go by UDP alone.
enum AutoTransport {
    typealias Result = (SenderSummary, ImpairedLink.Counters?)
    typealias Run = (@escaping @Sendable ([UInt8]) async throws -> Void, RTCPChannel) async throws -> SenderSummary

    static func stream(
        socket: UDPSocket, rtcpSocket: UDPSocket, rtcpMux: Bool, destination: SocketAddress,
        policy: FallbackPolicy.Configuration, deadline: Duration, impairment: ImpairmentSpec?, log: LineFile?,
        events: LineFile?, reporting: SenderReporting, run: Run
    ) async throws -> Result {
        let link = impairedLink(impairment, log: log) { bytes in try await socket.send(bytes, to: destination) }
        let udpLeg: @Sendable ([UInt8]) async throws -> Void = { [link] bytes in
            if let link { try await link.submit(bytes) } else { try await socket.send(bytes, to: destination) }
        }
        let udpRTCP = RTCPChannel.udp(rtcpSocket, destination: destination, rtcpMux: rtcpMux)
        let releaser = Task { [link] in try await link?.run() }
        defer { releaser.cancel() }
        var summary: SenderSummary?
        let connected = OnceFlag()
        let clock = ContinuousClock()
        let start = clock.now
        do {
            // A TCP connection that drops later (a receiver restart) is made again in the background.
            try await TCPReconnectingClient.withConnection(
                to: destination,
                onEvent: { event in report(event, at: start.duration(to: clock.now), events: events) }
            ) { tcp in
                connected.set()
                summary = try await withBothPaths(
                    tcp, udpLeg: udpLeg, udpRTCP: udpRTCP, policy: policy, deadline: deadline, events: events,
                    clock: clock, start: start, run: run)
            }
        } catch where !connected.isSet {
            // No TCP listener: stream on UDP alone, as `--transport udp` would.
            Console.out("auto: no TCP connection to \(destination.endpointDescription) (\(error)); UDP only")
            summary = try await run(udpLeg, udpRTCP)
        }
        link?.finish()
        try await releaser.value
        guard let summary else { throw RuntimeError("the sender did not run") }
        return (summary, link?.counters)
    }

    /// Prints and logs a change of the TCP connection; the first connection is not news.
    static func report(_ event: TCPConnectionEvent, at time: Duration, events: LineFile?) {
        let stamp = time.seconds.formatted(decimals: 2)
        let t = time.seconds.formatted(decimals: 3)
        switch event {
        case .connected(let number) where number > 1:
            Console.out("[\(stamp) s] TCP connection made again (connection \(number))")
            events?.write("{\"t_s\":\(t),\"event\":\"tcp_connected\",\"connection\":\(number)}")
        case .connected:
            break
        case .closed(let upFor, let retryIn):
            Console.out("[\(stamp) s] TCP connection closed after \(upFor.seconds.formatted(decimals: 2)) s; reconnecting in \(retryIn.seconds.formatted(decimals: 2)) s")
            events?.write(
                "{\"t_s\":\(t),\"event\":\"tcp_closed\",\"up_s\":\(upFor.seconds.formatted(decimals: 3)),"
                    + "\"retry_in_s\":\(retryIn.seconds.formatted(decimals: 3))}")
        case .attemptFailed(let reason, let retryIn):
            Console.out("[\(stamp) s] TCP reconnection failed (\(reason)); next try in \(retryIn.seconds.formatted(decimals: 2)) s")
            events?.write(
                "{\"t_s\":\(t),\"event\":\"tcp_connect_failed\",\"retry_in_s\":\(retryIn.seconds.formatted(decimals: 3))}")
        }
    }

    private static func withBothPaths(
        _ client: TCPReconnectingClient, udpLeg: @escaping @Sendable ([UInt8]) async throws -> Void,
        udpRTCP: RTCPChannel, policy: FallbackPolicy.Configuration, deadline: Duration, events: LineFile?,
        clock: ContinuousClock, start: ContinuousClock.Instant, run: Run
    ) async throws -> SenderSummary {
        let controller = FallbackController(configuration: policy)
        let tcpRTCP = RTCPChannel.tcp(client, clock: clock)
        let send: @Sendable ([UInt8]) async throws -> Void = { bytes in
            let paths = controller.route(now: start.duration(to: clock.now), tcpAvailable: client.isConnected)
            if paths.udp { try await udpLeg(bytes) }
            if paths.tcp { _ = client.send(bytes, deadline: clock.now.advanced(by: deadline)) }
        }
        let rtcp = RTCPChannel(
            // Sender reports go by both paths all the time: they keep the standby TCP connection
            // alive (the receiver closes connections that stay silent) and let receiver reports
            // come back whichever path works.
            send: { bytes in
                await udpRTCP.send(bytes)
                await tcpRTCP.send(bytes)
            },
            read: { handle in
                let note: @Sendable ([UInt8]) -> Void = { bytes in
                    controller.noteReceiverRTCP(bytes, now: start.duration(to: clock.now))
                    handle(bytes)
                }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await udpRTCP.read(note) }
                    group.addTask { try await tcpRTCP.read(note) }
                    try await group.waitForAll()
                }
            },
            // The receiver closes the connection after our BYE; that is the end, not an outage.
            willSayGoodbye: { client.stopReconnecting() })
        let watcher = Task {
            while !Task.isCancelled {
                let now = start.duration(to: clock.now)
                if let event = controller.evaluate(now: now) {
                    Console.out("[\(now.seconds.formatted(decimals: 2)) s] switched to \(event.to.rawValue.uppercased()): \(event.reason)")
                    events?.write(
                        "{\"t_s\":\(event.time.seconds.formatted(decimals: 3)),\"event\":\"switch\",\"to\":\"\(event.to.rawValue)\","
                            + "\"reason\":\"\(event.reason)\"}")
                }
                try await clock.sleep(for: .milliseconds(20))
            }
        }
        defer { watcher.cancel() }
        let summary = try await run(send, rtcp)
        let sent = controller.sentCounts
        Console.out(
            "auto: \(sent.udp) packets sent by UDP, \(sent.tcp) by TCP, \(controller.events.count) switches, "
                + "\(client.connections) TCP connection\(client.connections == 1 ? "" : "s"), ended on \(controller.mode.rawValue.uppercased())")
        return summary
    }
}
