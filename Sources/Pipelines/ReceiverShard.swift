import NIOCore
import RTP
import Synchronization
import Transport

/// A datagram read by the runner's read loop, waiting for the shard that owns its stream.
struct ShardedDatagram: Sendable {
    var datagram: ReceivedDatagram
    /// Byte range of one GRO segment in `datagram`; `nil`: the whole datagram (every segment).
    var segment: Range<Int>?
    var arrival: Duration
    var wallClock: Duration
    var isRTCPPort: Bool
}

/// One shard of the receiver: its own ``AudioReceiverCore`` (streams, jitter buffers, statistics,
/// RTCP reports) behind its own mutex, played out by its own task, so Opus decode of its streams
/// runs there. Streams reach a shard by a hash of (source host, SSRC) (``ReceiverShardDispatch``).
///
/// With several shards the read loop only queues datagrams here (``enqueue(_:)``) and the
/// shard's task takes the whole queue under one lock of its core; with one shard the read loop
/// hands datagrams to the core itself (as before sharding). A shard with no stream sleeps until
/// the read loop wakes it.
final class ReceiverShard: Sendable {
    let index: Int
    let core: Mutex<AudioReceiverCore>
    private let inbox = Mutex<[ShardedDatagram]>([])
    private let wake = WakeSignal()
    /// Set (under the core's lock) when the task is about to sleep with no stream; the read loop
    /// then rings `wake` after handing it a datagram.
    private let sleeping = Atomic<Bool>(false)
    /// Datagrams turned away because this shard's queue was full (it fell behind).
    let queueDropped = Atomic<Int>(0)
    // Published after every round, read by the run's control task without a lock.
    private let publishedActive = Atomic<Int>(0)
    private let publishedTable = Atomic<Int>(0)
    private let publishedLastArrival = Atomic<Int64>(.min)
    private let publishedPrimaryEnded = Atomic<Bool>(false)
    private let publishedPrimaryStart = Atomic<Int>(.max)

    /// Most datagrams queued for one shard; past this they are counted `shard_queue_full`.
    static let queueLimit = 65_536

    init(index: Int, core: sending AudioReceiverCore) {
        self.index = index
        self.core = Mutex(core)
    }

    /// Queues a datagram for the shard's task; `false` (and counted) when the queue is full.
    @discardableResult
    func enqueue(_ item: ShardedDatagram) -> Bool {
        let (accepted, wasEmpty) = inbox.withLock { queue -> (Bool, Bool) in
            guard queue.count < Self.queueLimit else { return (false, false) }
            queue.append(item)
            return (true, queue.count == 1)
        }
        guard accepted else {
            queueDropped.wrappingAdd(1, ordering: .relaxed)
            return false
        }
        if wasEmpty, sleeping.load(ordering: .sequentiallyConsistent) { wake.ring() }
        return true
    }

    /// After the read loop handed a datagram to the core itself: wakes a sleeping task.
    func noteDelivered() {
        if sleeping.load(ordering: .sequentiallyConsistent) { wake.ring() }
    }

    /// Swaps the queue with `batch` (empty, its storage reused).
    func takeQueued(into batch: inout [ShardedDatagram]) {
        inbox.withLock { swap(&$0, &batch) }
    }

    var queuedCount: Int { inbox.withLock { $0.count } }

    /// Hands a queued datagram (every GRO segment in it) to `core`.
    static func deliver(_ item: ShardedDatagram, to core: AudioReceiverCore) throws {
        let source = item.datagram.remoteAddress
        let one: (UnsafeRawBufferPointer) throws -> Void = { bytes in
            if item.isRTCPPort, !RTCPCompound.isRTCP(bytes) {
                return core.rejectDatagram("rtp_on_rtcp_port")
            }
            try core.receive(bytes, from: source, arrival: item.arrival, wallClock: item.wallClock)
        }
        try item.datagram.data.withUnsafeReadableBytes { all in
            if let range = item.segment, range.lowerBound >= 0, range.upperBound <= all.count {
                return try one(UnsafeRawBufferPointer(rebasing: all[range]))
            }
            try UDPSegmentation.forEachSegment(of: all, segmentSize: item.datagram.metadata?.segmentSize, one)
        }
    }

    /// Publishes what the control task needs (call under the core's lock); `true` when the
    /// shard's stream table just went from empty to holding a stream.
    func publish(_ core: AudioReceiverCore) -> Bool {
        publishedActive.store(core.activeStreamCount, ordering: .relaxed)
        let held = core.streams.count
        let before = publishedTable.exchange(held, ordering: .relaxed)
        if let last = core.lastArrival {
            publishedLastArrival.store(StreamTable.nanoseconds(last), ordering: .relaxed)
        }
        publishedPrimaryEnded.store(core.streamEnded, ordering: .relaxed)
        publishedPrimaryStart.store(core.primaryStartNumber ?? .max, ordering: .relaxed)
        return before == 0 && held > 0
    }

    var activeStreams: Int { publishedActive.load(ordering: .relaxed) }
    var tableStreams: Int { publishedTable.load(ordering: .relaxed) }
    var lastArrival: Duration? {
        let value = publishedLastArrival.load(ordering: .relaxed)
        return value == .min ? nil : .nanoseconds(value)
    }
    var primaryEnded: Bool { publishedPrimaryEnded.load(ordering: .relaxed) }
    var primaryStartNumber: Int { publishedPrimaryStart.load(ordering: .relaxed) }

    /// The shard's task: takes its queue, plays out due frames, sends its streams' receiver
    /// reports, and sleeps until the next frame is due (at most 10 ms while it holds streams),
    /// or with no stream until the read loop wakes it. Runs until cancelled.
    func run(
        start: ContinuousClock.Instant, options: ReceiverRunOptions, rtcpOut: UDPSocket?,
        tcpListener: TCPMediaListener?, control: WakeSignal
    ) async throws {
        let clock = ContinuousClock()
        let wantsReports = rtcpOut != nil || tcpListener != nil
        var batch: [ShardedDatagram] = []
        while true {
            let now = start.duration(to: clock.now)
            let wall = WallClock.now()
            takeQueued(into: &batch)
            let step = try core.withLock { core in
                for item in batch { try Self.deliver(item, to: core) }
                try core.tick(now: now)
                let reports = wantsReports ? core.rtcpReportsIfDue(now: now, wallClock: wall, rtcpMux: options.rtcpMux) : []
                let firstStream = publish(core)
                let idle = core.streams.count == 0
                if idle { sleeping.store(true, ordering: .sequentiallyConsistent) }
                return (reports, core.nextPlayoutTime, idle, firstStream)
            }
            batch.removeAll(keepingCapacity: true)
            if step.3 { control.ring() }
            for report in step.0 where !(await AudioReceiverRunner.send(report, udp: rtcpOut, tcp: tcpListener)) {
                core.withLock { $0.noteRTCPSendError() }
            }
            if step.2 {
                // No stream: nothing is due until a datagram comes (intervals and stop
                // conditions are the control task's).
                if queuedCount == 0 { await wake.wait() }
                sleeping.store(false, ordering: .sequentiallyConsistent)
                try Task.checkCancellation()
                continue
            }
            // Wake for the next frame, but at least every 10 ms for reports and idle checks.
            let wakeAt = min(step.1 ?? now + .milliseconds(10), now + .milliseconds(10))
            try await clock.sleep(until: start.advanced(by: max(wakeAt, now + .microseconds(500))))
        }
    }
}
