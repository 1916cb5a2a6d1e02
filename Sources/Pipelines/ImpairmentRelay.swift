import Impairment
import NIOCore
import Synchronization
import Transport

/// A UDP proxy between any RTP sender and receiver that impairs what passes: sender → relay →
/// receiver through the spec's `up` direction, replies (RTCP receiver reports) back through
/// `down`. RTP and RTCP each get their own pair of sockets (RTCP on port + 1) unless `rtcpMux`.
///
/// Replies go only to the address that sent to the relay first (latched), and only replies from
/// the forward address are relayed back, so the relay never reflects traffic to a third party.
public enum ImpairmentRelay {
    public struct Configuration: Sendable {
        /// Where senders send RTP (RTCP on port + 1 unless `rtcpMux`).
        public var listen: SocketAddress
        /// The receiver's RTP address (RTCP on port + 1 unless `rtcpMux`).
        public var forward: SocketAddress
        public var rtcpMux: Bool
        public var spec: ImpairmentSpec

        public init(listen: SocketAddress, forward: SocketAddress, rtcpMux: Bool, spec: ImpairmentSpec) {
            self.listen = listen
            self.forward = forward
            self.rtcpMux = rtcpMux
            self.spec = spec
        }
    }

    /// Per-path counters: `up` is sender → receiver, `down` the replies.
    public struct Summary: Sendable, Equatable {
        public var up: [String: ImpairedLink.Counters] = [:]
        public var down: [String: ImpairedLink.Counters] = [:]
    }

    /// Relays until `duration` has passed (if set) or the task is cancelled.
    /// - Parameters:
    ///   - ready: called with the bound listen address once the relay is up.
    ///   - links: if given, every link is registered there as it starts (counters while running).
    public static func run(
        _ configuration: Configuration,
        duration: Duration?,
        log: (@Sendable (String) -> Void)?,
        links: ImpairmentRelayLinks? = nil,
        ready: @Sendable (SocketAddress) -> Void = { _ in }
    ) async throws -> Summary {
        var rtcp: (@Sendable (SocketAddress?) async throws -> Summary)?
        if !configuration.rtcpMux {
            rtcp = { rtpBack in
                // The receiver takes RTCP only from the RTP source's port + 1 (rtcp_wrong_port
                // otherwise), so the RTCP path forwards from the RTP path's port + 1 when it is free.
                let back = try? rtpBack?.rtcpPort()
                return try await relayPath(
                    label: "rtcp", listen: try configuration.listen.rtcpPort(),
                    forward: try configuration.forward.rtcpPort(), spec: configuration.spec,
                    seedOffset: 0x5243, log: log, duration: duration, links: links, ready: { _ in }, backBind: back,
                    alongside: nil)
            }
        }
        let rtp = try await relayPath(
            label: configuration.rtcpMux ? "rtp+rtcp" : "rtp", listen: configuration.listen,
            forward: configuration.forward, spec: configuration.spec, seedOffset: 0, log: log, duration: duration,
            links: links, ready: ready, backBind: nil, alongside: rtcp)
        return rtp
    }

    /// One listen/forward socket pair with an impaired link each way; `alongside` runs another
    /// path (RTCP) concurrently and merges its summary.
    private static func relayPath(
        label: String, listen: SocketAddress, forward: SocketAddress, spec: ImpairmentSpec, seedOffset: UInt64,
        log: (@Sendable (String) -> Void)?, duration: Duration?, links: ImpairmentRelayLinks?,
        ready: @Sendable (SocketAddress) -> Void, backBind: SocketAddress?,
        alongside: (@Sendable (SocketAddress?) async throws -> Summary)?
    ) async throws -> Summary {
        try await UDPTransport.withSocket(boundTo: listen) { front in
            try await withBackSocket(preferring: backBind, forward: forward) { back in
                ready(front.localAddress ?? listen)
                let client = LatchedAddress()
                let seed = (spec.seed ?? 0) &+ seedOffset
                let up = ImpairedLink(
                    engine: ImpairmentEngine(spec: spec, direction: .up, seedOverride: seed), label: "\(label) up",
                    log: log
                ) { try await back.send($0, to: forward) }
                let down = ImpairedLink(
                    engine: ImpairmentEngine(spec: spec, direction: .down, seedOverride: seed), label: "\(label) down",
                    log: log
                ) { bytes in
                    if let to = client.address { try await front.send(bytes, to: to) }
                }
                links?.register("\(label) up", up)
                links?.register("\(label) down", down)
                return try await withThrowingTaskGroup(of: Summary?.self) { group in
                    group.addTask {
                        for try await datagram in front.inbound {
                            guard client.latch(datagram.remoteAddress) else { continue }
                            try await up.submit(Array(datagram.data.readableBytesView))
                        }
                        return nil
                    }
                    group.addTask {
                        for try await datagram in back.inbound where datagram.remoteAddress == forward {
                            try await down.submit(Array(datagram.data.readableBytesView))
                        }
                        return nil
                    }
                    group.addTask { try await up.run(); return nil }
                    group.addTask { try await down.run(); return nil }
                    if let alongside { group.addTask { try await alongside(back.localAddress) } }
                    group.addTask {
                        if let duration { try await Task.sleep(for: duration) } else {
                            while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
                        }
                        return nil
                    }
                    var merged = Summary()
                    do {
                        // The timer (or cancellation) ends the relay; a path summary may come first.
                        while let result = try await group.next() {
                            if let other = result {
                                merged.up.merge(other.up) { a, _ in a }
                                merged.down.merge(other.down) { a, _ in a }
                                continue
                            }
                            break
                        }
                    } catch is CancellationError {}
                    group.cancelAll()
                    while let result = await group.nextResult() {
                        if case .success(let other?) = result {
                            merged.up.merge(other.up) { a, _ in a }
                            merged.down.merge(other.down) { a, _ in a }
                        }
                    }
                    merged.up[label] = up.counters
                    merged.down[label] = down.counters
                    return merged
                }
            }
        }
    }
}

/// The first peer address seen; later datagrams from anyone else are ignored.
final class LatchedAddress: Sendable {
    private let state = Mutex<SocketAddress?>(nil)

    var address: SocketAddress? { state.withLock { $0 } }

    /// Latches `candidate` if nothing is latched yet; true when `candidate` is the latched peer.
    func latch(_ candidate: SocketAddress) -> Bool {
        state.withLock {
            if $0 == nil { $0 = candidate }
            return $0 == candidate
        }
    }
}

extension ImpairmentRelay {
    /// The socket that forwards to `forward`: bound to `preferred` (wildcard host, a chosen port)
    /// when given and free, else to any port.
    fileprivate static func withBackSocket<Result: Sendable>(
        preferring preferred: SocketAddress?, forward: SocketAddress, _ body: (UDPSocket) async throws -> Result
    ) async throws -> Result {
        let any = try UDPTransport.wildcardAddress(matching: forward)
        if let port = preferred?.port, let address = try? SocketAddress(ipAddress: any.ipAddress ?? "0.0.0.0", port: port) {
            var bound = false
            do {
                return try await UDPTransport.withSocket(boundTo: address) { socket in
                    bound = true
                    return try await body(socket)
                }
            } catch where !bound {
            }
        }
        return try await UDPTransport.withSocket(boundTo: any, body)
    }
}
