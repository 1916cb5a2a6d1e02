import JitterbugSupport
import Synchronization

/// A running probe: the responder, and the initiator testing the peer list on the staggered
/// ``ProbeSchedule``, until cancelled. The peer list can be replaced at any time (SIGHUP).
/// Results go to `onResult` as tests finish; memory is the peer list, one task per running
/// test, and the responder's bounded stream tables.
package final class ProbeRunner: Sendable {
    package let configuration: ProbeConfiguration
    private let state: Mutex<(peers: [ProbePeer], attribution: ProbeAttribution, srtpKeys: ProbeSRTPKeys)>
    private let onResult: @Sendable (ProbeTestResult) -> Void
    private let onRejections: @Sendable ([String: Int]) -> Void
    private let onSkipped: @Sendable (String) -> Void

    /// - Parameters:
    ///   - onRejections: the responder's rejected datagrams so far, by reason.
    ///   - onSkipped: called with a peer's name when its test is due while the previous test to
    ///     it is still running, so the due one is skipped (one test per peer at a time).
    package init(
        configuration: ProbeConfiguration, peers: [ProbePeer],
        onRejections: @escaping @Sendable ([String: Int]) -> Void = { _ in },
        onSkipped: @escaping @Sendable (String) -> Void = { _ in },
        onResult: @escaping @Sendable (ProbeTestResult) -> Void
    ) {
        self.configuration = configuration
        self.onResult = onResult
        self.onRejections = onRejections
        self.onSkipped = onSkipped
        state = Mutex((peers, ProbeAttribution.resolving(peers), Self.keys(peers, configuration)))
    }

    private static func keys(_ peers: [ProbePeer], _ configuration: ProbeConfiguration) -> ProbeSRTPKeys {
        ProbeSRTPKeys.resolving(peers, ownKey: configuration.srtpKey, replayWindowPackets: configuration.replayWindowPackets)
    }

    /// The responder's SRTP sessions for the current peers.
    package var srtpKeys: ProbeSRTPKeys { state.withLock { $0.srtpKeys } }

    package var peers: [ProbePeer] { state.withLock { $0.peers } }

    /// How inbound streams are attributed to the current peers.
    package var attribution: ProbeAttribution { state.withLock { $0.attribution } }

    /// Replaces the peer list (already checked); it applies from the next period.
    package func replacePeers(_ peers: [ProbePeer]) {
        let attribution = ProbeAttribution.resolving(peers)
        let keys = Self.keys(peers, configuration)
        state.withLock { $0 = (peers, attribution, keys) }
    }

    /// Runs the responder and the schedule until cancelled (then returns) or the responder's
    /// sockets fail (then throws).
    /// - Parameter ready: called once the responder listens, with where.
    package func run(ready: @escaping @Sendable (String) -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let configuration = configuration
            let onResult = onResult
            let onRejections = onRejections
            let readySignal = AsyncStream<Void>.makeStream()
            group.addTask { [self] in
                // A responder that cannot bind ends the wait below too (its error ends the run).
                defer { readySignal.continuation.finish() }
                try await ProbeResponder.run(
                    configuration: configuration, attribution: { self.attribution }, srtpKeys: { self.srtpKeys },
                    ready: { text in
                        ready(text)
                        readySignal.continuation.yield()
                        readySignal.continuation.finish()
                    }, onRejections: onRejections, onResult: onResult)
            }
            // Tests start once the responder listens: a peer testing us back is heard from the start.
            var listening = false
            for await _ in readySignal.stream {
                listening = true
                break
            }
            guard listening else {
                try await group.next()
                return
            }
            group.addTask { [self] in try await self.schedule() }
            do {
                try await group.next()
            } catch is CancellationError {
            }
            group.cancelAll()
        }
    }

    /// The initiator: sleeps to each due test and starts it alongside the others.
    private func schedule() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        var schedule = ProbeSchedule(every: configuration.every)
        let configuration = configuration
        let onResult = onResult
        let onSkipped = onSkipped
        // One test per peer at a time: a starved host whose tests overrun their period skips
        // a peer's next test instead of piling up tests (and memory) without bound.
        let running = RunningTests()
        await withDiscardingTaskGroup { tests in
            while !Task.isCancelled {
                let step = schedule.advance(now: start.duration(to: clock.now), peers: peers)
                for peer in step.due {
                    guard running.start(peer.name) else {
                        onSkipped(peer.name)
                        continue
                    }
                    tests.addTask {
                        defer { running.end(peer.name) }
                        let result = await ProbeInitiator.test(peer, configuration: configuration)
                        // A test cut short by shutdown says nothing about the peer.
                        if !Task.isCancelled { onResult(result) }
                    }
                }
                do {
                    try await clock.sleep(until: start.advanced(by: step.wake), tolerance: .milliseconds(5))
                } catch {
                    break
                }
            }
        }
    }
}

/// The peers whose test is running (one at a time per peer).
private final class RunningTests: Sendable {
    private let names = Mutex<Set<String>>([])

    /// Whether a test to `name` may start now (none is running); marks it running.
    func start(_ name: String) -> Bool { names.withLock { $0.insert(name).inserted } }

    func end(_ name: String) { _ = names.withLock { $0.remove(name) } }
}
