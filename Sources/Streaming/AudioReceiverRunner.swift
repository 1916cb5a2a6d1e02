import Media
import NIOCore
import Synchronization
import Transport

/// Drives an ``AudioReceiverCore`` from a UDP socket and a monotonic clock: one task reads
/// datagrams, another plays frames out at their deadlines, until the stop condition holds or
/// the task is cancelled.
public enum AudioReceiverRunner {
    /// Receives with a new core built from `configuration`, writing decoded audio to `write`.
    public static func run(
        socket: UDPSocket,
        configuration: AudioReceiverConfiguration,
        stop: ReceiverStopCondition,
        write: @escaping @Sendable ([Int16], AudioFormat) throws -> Void,
        onTick: @escaping @Sendable (Duration, AudioReceiverCore) -> Void = { _, _ in }
    ) async throws -> ReceiverSummary {
        try await run(
            socket: socket, core: AudioReceiverCore(configuration: configuration, write: write), stop: stop,
            onTick: onTick)
    }

    /// Receives until `stop` holds or the calling task is cancelled, then returns the summary.
    /// - Parameter onTick: called after each playout step with the core (under its lock), e.g.
    ///   to print interval lines.
    public static func run(
        socket: UDPSocket,
        core: sending AudioReceiverCore,
        stop: ReceiverStopCondition,
        clock: ContinuousClock = ContinuousClock(),
        onTick: @escaping @Sendable (Duration, AudioReceiverCore) -> Void = { _, _ in }
    ) async throws -> ReceiverSummary {
        let state = LockedCore(core)
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await datagram in socket.inbound {
                    let arrival = start.duration(to: clock.now)
                    let wall = WallClock.now()
                    let bytes = Array(datagram.data.readableBytesView)
                    try state.mutex.withLock {
                        try $0.receive(bytes, from: datagram.remoteAddress, arrival: arrival, wallClock: wall)
                    }
                }
            }
            group.addTask {
                while true {
                    let now = start.duration(to: clock.now)
                    let (finished, next) = try state.mutex.withLock { core -> (Bool, Duration?) in
                        try core.tick(now: now)
                        onTick(now, core)
                        return (stop.shouldStop(now: now, lastArrival: core.lastArrival), core.nextPlayoutTime)
                    }
                    if finished { return }
                    // Wake for the next frame, but at least every 10 ms to check the stop condition.
                    let wake = min(next ?? now + .milliseconds(10), now + .milliseconds(10))
                    try await clock.sleep(until: start.advanced(by: max(wake, now + .microseconds(500))))
                }
            }
            // Whichever ends first (the ticker on stop, or the socket closing) ends both.
            do {
                try await group.next()
            } catch is CancellationError {
            }
            group.cancelAll()
        }
        return state.mutex.withLock { $0.finish() }
    }
}

/// Shares the core between the reading and playout tasks; every access holds the mutex.
private final class LockedCore: Sendable {
    let mutex: Mutex<AudioReceiverCore>
    init(_ core: sending AudioReceiverCore) { mutex = Mutex(core) }
}
