import NIOCore
import Synchronization

/// The client's bounded send queue with deadline drops, shared by callers of `send` (any task)
/// and the connection's event loop (which drains it).
///
/// Frames wait here only while NIO's write buffer is above its high watermark; they are checked
/// against their deadline when they would be written (and again whenever a new frame arrives),
/// so a stalled connection sheds stale audio instead of delivering it late.
final class TCPSendQueue: Sendable {
    private struct Pending {
        var payload: ByteBuffer
        var deadline: ContinuousClock.Instant
    }

    private struct Inner {
        var channel: (any Channel)?
        var writable = false
        var drainScheduled = false
        /// Oldest first. An array: `removeFirst` is O(n), but n ≤ capacity (tens of frames).
        var pending: [Pending] = []
        var counters = TCPClientCounters()
    }

    /// Most frames held; at least 1.
    let capacity: Int
    /// Frames are written only while the kernel holds fewer unsent bytes than this (nil: no
    /// check), so a stalled connection's backlog stays here, where deadlines apply.
    let kernelUnsentBudget: Int?
    private let inner = Mutex(Inner())

    /// How soon to look again while the kernel's unsent bytes are over the budget (nothing else
    /// would wake the queue: NIO's buffer is empty, so writability does not change).
    static let kernelRecheck = TimeAmount.milliseconds(5)

    init(capacity: Int, kernelUnsentBudget: Int? = nil) {
        self.capacity = max(capacity, 1)
        self.kernelUnsentBudget = kernelUnsentBudget
    }

    var isConnected: Bool { inner.withLock { $0.channel != nil } }

    var counters: TCPClientCounters {
        inner.withLock { state in
            var counters = state.counters
            counters.queuedFrames = state.pending.count
            return counters
        }
    }

    func update(_ change: (inout TCPClientCounters) -> Void) {
        inner.withLock { change(&$0.counters) }
    }

    /// Accepts or drops one frame; never blocks on the network.
    func enqueue(_ frame: [UInt8], deadline: ContinuousClock.Instant, now: ContinuousClock.Instant) -> TCPSendOutcome {
        guard (1...RFC4571FrameDecoder.maxFrameBytes).contains(frame.count) else { return .invalidFrameSize }
        let payload = ByteBuffer(bytes: frame)  // allocated outside the lock
        let (outcome, drainOn): (TCPSendOutcome, (any Channel)?) = inner.withLock { state in
            guard let channel = state.channel else {
                state.counters.notConnectedDrops += 1
                return (.notConnected, nil)
            }
            guard deadline >= now else {
                state.counters.deadlineDrops += 1
                return (.droppedPastDeadline, nil)
            }
            let before = state.pending.count
            state.pending.removeAll { $0.deadline < now }
            state.counters.deadlineDrops += before - state.pending.count
            var outcome = TCPSendOutcome.enqueued
            if state.pending.count >= capacity {
                state.pending.removeFirst()
                state.counters.queueOverflowDrops += 1
                outcome = .enqueuedDroppingOldest
            }
            state.pending.append(Pending(payload: payload, deadline: deadline))
            state.counters.queueHighWater = max(state.counters.queueHighWater, state.pending.count)
            // While not writable the writability change will drain; otherwise one drain task
            // at a time is enough.
            guard state.writable, !state.drainScheduled else { return (outcome, nil) }
            state.drainScheduled = true
            return (outcome, channel)
        }
        if let drainOn {
            drainOn.eventLoop.execute { self.drain(drainOn) }
        }
        return outcome
    }

    /// Writes queued frames while the channel is writable, dropping those past their deadline.
    /// Must run on `channel.eventLoop` (writability only changes there).
    func drain(_ channel: any Channel) {
        var kernelFull = false
        while channel.isWritable, hasPending {
            // Flushed one by one, so the kernel's count is current before the next write.
            if let budget = kernelUnsentBudget, let unsent = TCPUnsentBytes.read(channel), unsent >= budget {
                kernelFull = true
                break
            }
            guard let payload = popLive(now: .now) else { break }
            channel.writeAndFlush(payload, promise: nil)
        }
        inner.withLock { $0.drainScheduled = kernelFull }
        if kernelFull {
            channel.eventLoop.scheduleTask(in: Self.kernelRecheck) { [self] in
                inner.withLock { $0.drainScheduled = false }
                if channel.isActive { drain(channel) }
            }
        }
    }

    private var hasPending: Bool { inner.withLock { !$0.pending.isEmpty } }

    /// Next frame still within its deadline, counted as sent; nil when none is left.
    private func popLive(now: ContinuousClock.Instant) -> ByteBuffer? {
        inner.withLock { state in
            while !state.pending.isEmpty {
                let next = state.pending.removeFirst()
                guard next.deadline >= now else {
                    state.counters.deadlineDrops += 1
                    continue
                }
                state.counters.framesSent += 1
                state.counters.bytesSent += next.payload.readableBytes + RFC4571FrameDecoder.prefixBytes
                return next.payload
            }
            return nil
        }
    }

    /// On the event loop: writability changed (ignored once disconnected).
    func setWritable(_ writable: Bool) {
        inner.withLock { state in
            if state.channel != nil { state.writable = writable }
        }
    }

    /// On the event loop: the connection is up.
    func connected(_ channel: any Channel, writable: Bool) {
        inner.withLock { state in
            state.channel = channel
            state.writable = writable
        }
    }

    /// On the event loop: the connection is gone; queued frames can never be sent.
    func disconnected() {
        inner.withLock { state in
            state.channel = nil
            state.writable = false
            state.counters.notConnectedDrops += state.pending.count
            state.pending.removeAll()
        }
    }
}
