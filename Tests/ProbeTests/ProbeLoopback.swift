import NIOCore
import Opus
import Probe
import SRTP
import Synchronization
import Transport

/// An in-process responder on 127.0.0.1 for initiator tests: what it reported (inbound tests)
/// and rejected, until the body returns.
final class ProbeLoopback: Sendable {
    let address: SocketAddress
    let results: Mutex<[ProbeTestResult]>
    let rejected: Mutex<[String: Int]>

    init(address: SocketAddress) {
        self.address = address
        results = Mutex([])
        rejected = Mutex([:])
    }

    /// A probe configuration for short tests to and from 127.0.0.1.
    static func configuration(listen port: Int, testSeconds: Int64 = 1) throws -> ProbeConfiguration {
        var configuration = ProbeConfiguration(
            name: "t", listen: try SocketAddress(ipAddress: "127.0.0.1", port: port),
            encoder: OpusEncoderConfiguration(bitrate: 16_000, complexity: 0))
        configuration.testDuration = .seconds(testSeconds)
        configuration.every = .seconds(60)
        return configuration
    }

    /// A UDP port on 127.0.0.1 whose port + 1 is free too, a moment ago.
    static func freePortPair() async throws -> Int {
        for _ in 0..<50 {
            let port = try await UDPTransport.withSocket(boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: 0)) {
                $0.localAddress?.port ?? 0
            }
            guard port > 0, port < 65_534 else { continue }
            let nextFree = (try? await UDPTransport.withSocket(
                boundTo: try SocketAddress(ipAddress: "127.0.0.1", port: port + 1)) { _ in true }) ?? false
            if nextFree { return port }
        }
        return 0
    }

    /// Runs a responder with `peers` (their keys) and the probe's own key while `body` runs.
    static func withResponder<Result: Sendable>(
        port: Int, peers: [ProbePeer] = [], ownKey: SRTPKeyMaterial? = nil,
        _ body: @Sendable (ProbeLoopback) async throws -> Result
    ) async throws -> Result {
        var configuration = try configuration(listen: port)
        configuration.srtpKey = ownKey
        let loopback = ProbeLoopback(address: configuration.listen)
        let attribution = ProbeAttribution.resolving(peers)
        let keys = ProbeSRTPKeys.resolving(peers, ownKey: configuration.srtpKey, replayWindowPackets: configuration.replayWindowPackets)
        let ready = AsyncStream<Void>.makeStream()
        let responder = Task { [configuration] in
            try await ProbeResponder.run(
                configuration: configuration, attribution: { attribution }, srtpKeys: { keys },
                ready: { _ in ready.continuation.yield() },
                onRejections: { totals in loopback.rejected.withLock { $0 = totals } },
                onResult: { result in loopback.results.withLock { $0.append(result) } })
        }
        defer { responder.cancel() }
        for await _ in ready.stream { break }
        // Streams the responder sees in its first 1.5 s may have begun before it listened and
        // are not reported (ProbeStreamTracker's partialBefore): start the tests after that.
        try await Task.sleep(for: .milliseconds(1_700))
        return try await body(loopback)
    }

    /// Waits (at most `seconds`) for an inbound result; the results so far.
    func inbound(atLeast count: Int, withinSeconds seconds: Int = 15) async -> [ProbeTestResult] {
        for _ in 0..<(seconds * 10) {
            let got = results.withLock { $0 }
            if got.count >= count { return got }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return results.withLock { $0 }
    }
}
