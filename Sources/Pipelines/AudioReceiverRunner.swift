import Reports
import Media
import NIOCore
import Synchronization
import RTP
import Transport

/// Drives the receiver from UDP sockets and a monotonic clock: one read loop per socket hands
/// datagrams to the shard that owns their stream (``ReceiverShard``; one shard unless
/// ``ReceiverRunOptions/shards`` says more), each shard's task plays its frames out at their
/// deadlines and sends its streams' receiver reports, and a control task closes intervals (merging
/// the shards' figures) until the stop condition holds, the primary sender says BYE, or the task
/// is cancelled.
public enum AudioReceiverRunner {
    /// Receives with new cores built from `configuration`, writing decoded audio to `write`
    /// (called from every shard's task: it must be thread-safe when `options.shards` > 1).
    /// - Parameter rtcpSocket: where RTCP arrives and leaves (port + 1); `nil` with rtcp-mux or
    ///   when RTCP is not wanted.
    package static func run(
        socket: UDPSocket,
        rtcpSocket: UDPSocket? = nil,
        tcpListener: TCPMediaListener? = nil,
        configuration: AudioReceiverConfiguration,
        stop: ReceiverStopCondition,
        options: ReceiverRunOptions = ReceiverRunOptions(),
        write: @escaping @Sendable (StreamKey, [Int16], AudioFormat) throws -> Void
    ) async throws -> ReceiverSummary {
        let count = shardCount(options.shards, configuration: configuration)
        let shared = count > 1 ? ReceiverShardShared(maxStreams: configuration.maxStreams) : nil
        let shards = (0..<count).map { index in
            let core = AudioReceiverCore(configuration: configuration, write: write)
            core.shared = shared
            return ReceiverShard(index: index, core: core)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let rtcpOut = options.rtcpMux ? socket : rtcpSocket
        let control = WakeSignal()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (input, isRTCPPort) in [(socket, false), (rtcpSocket, true)] {
                guard let input else { continue }
                group.addTask {
                    for try await datagram in input.inbound {
                        // Stamped on the event loop as it was read, when the socket does that. A
                        // datagram read before the run started counts as arriving at its start
                        // (both clocks moved alike, so their pairing stays true).
                        let stamp = input.arrivals?.next()
                        let stamped = stamp.map { start.duration(to: $0.instant) }
                        let arrival = stamped.map { max(.zero, $0) } ?? start.duration(to: clock.now)
                        let wall = stamp.map { $0.wallClock + (arrival - (stamped ?? arrival)) } ?? WallClock.now()
                        if let capture = options.capture {
                            // As it came, before any check (SRTP still protected), each GRO segment apart.
                            let destination = datagram.metadata?.packetInfo?.destinationAddress
                            datagram.forEachSegment {
                                capture.udp($0, from: datagram.remoteAddress, to: destination, local: input.localAddress, wallClock: wall)
                            }
                        }
                        try dispatch(
                            ShardedDatagram(datagram: datagram, arrival: arrival, wallClock: wall, isRTCPPort: isRTCPPort),
                            to: shards)
                    }
                    // The RTCP port's socket closes when a report could not be sent (NIO closes a
                    // datagram channel on most send errors: a local firewall's EPERM). That ends
                    // the reports, not the run: wait here until the run ends for another reason.
                    if isRTCPPort { while true { try await Task.sleep(for: .seconds(3600)) } }
                }
            }
            if let tcpListener {
                group.addTask {
                    for await inbound in tcpListener.inbound {
                        let arrival = start.duration(to: clock.now)
                        let wall = WallClock.now()
                        options.capture?.tcp(
                            inbound.frame, from: inbound.remote, to: inbound.local ?? tcpListener.localAddress,
                            connectionID: inbound.connectionID, wallClock: wall)
                        // Framed RTP and RTCP carry their SSRC as over UDP: the same shard owns them.
                        let shard = shards[ReceiverShardDispatch.shard(of: inbound.frame, from: inbound.remote, shardCount: shards.count)]
                        try shard.core.withLock { core in
                            try core.receive(
                                inbound.frame, from: inbound.remote, arrival: arrival, wallClock: wall,
                                path: .tcp(connectionID: inbound.connectionID))
                        }
                        shard.noteDelivered()
                    }
                }
            }
            for shard in shards {
                group.addTask {
                    try await shard.run(start: start, options: options, rtcpOut: rtcpOut, tcpListener: tcpListener, control: control)
                }
            }
            group.addTask {
                try await runControl(shards: shards, start: start, stop: stop, options: options, control: control)
            }
            // Whichever ends first (the control task on stop, or a socket closing) ends all.
            do {
                try await group.next()
            } catch is CancellationError {
            }
            group.cancelAll()
        }
        // Datagrams read (and captured) but still queued for a shard when the run ended count
        // as received, so the summary and the capture agree.
        var leftover: [ShardedDatagram] = []
        for shard in shards where shard.queuedCount > 0 {
            shard.takeQueued(into: &leftover)
            try shard.core.withLock { core in
                for item in leftover { try ReceiverShard.deliver(item, to: core) }
            }
            leftover.removeAll(keepingCapacity: true)
        }
        // The last, partial interval, so the intervals add up to the summary (as iperf3 does).
        let now = start.duration(to: clock.now)
        if options.interval != nil, let record = closeInterval(shards, now: now, withSummary: false).record,
            record.endSeconds > record.startSeconds
        {
            options.onInterval?(record)
        }
        // A last report with BYE tells each sender we are leaving (RFC 3550 §6.6).
        for shard in shards {
            let goodbye = shard.core.withLock {
                $0.rtcpReportsIfDue(now: now, wallClock: WallClock.now(), rtcpMux: options.rtcpMux, goodbye: true)
            }
            for report in goodbye where !(await send(report, udp: rtcpOut, tcp: tcpListener)) {
                shard.core.withLock { $0.noteRTCPSendError() }
            }
        }
        let parts = shards.map { shard in
            shard.core.withLock { core in
                let finished = core.finish()
                let dropped = shard.queueDropped.load(ordering: .relaxed)
                return shards.count == 1
                    ? ReceiverShardSnapshot(summary: finished, primaryStartNumber: nil, queueDropped: dropped)
                    : core.shardSnapshot(queueDropped: dropped)
            }
        }
        var summary = ReceiverShards.merge(parts)
        if let account = await kernelDrops([socket, rtcpSocket].compactMap { $0 }) {
            summary.socketDrops = account.drops
            // Under GRO without the arrival counter a dropped aggregate counts once.
            if !account.isExact { summary.socketDropsAreLowerBound = true }
        }
        options.onSummary?(summary)
        return summary
    }

    /// Shards a run uses: `requested` (1...64), but one when a feature follows one stream
    /// across the whole receiver (`--latch`, the packet trace).
    package static func shardCount(_ requested: Int, configuration: AudioReceiverConfiguration) -> Int {
        if configuration.latch || configuration.packetTrace != nil { return 1 }
        return min(max(requested, 1), ReceiverRunOptions.maxShards)
    }
}

extension AudioReceiverRunner {
    /// Hands a datagram read by a read loop to its shard: with one shard to its core at once
    /// (every GRO segment under one lock), else to the owning shard's queue (a GRO aggregate
    /// segment by segment, since its segments may carry different SSRCs).
    static func dispatch(_ item: ShardedDatagram, to shards: [ReceiverShard]) throws {
        if shards.count == 1 {
            try shards[0].core.withLock { try ReceiverShard.deliver(item, to: $0) }
            shards[0].noteDelivered()
            return
        }
        let datagram = item.datagram
        if datagram.segmentCount == 1 {
            let index = datagram.data.withUnsafeReadableBytes {
                ReceiverShardDispatch.shard(of: $0, from: datagram.remoteAddress, shardCount: shards.count)
            }
            shards[index].enqueue(item)
            return
        }
        let size = datagram.metadata?.segmentSize ?? datagram.data.readableBytes
        let owners = datagram.data.withUnsafeReadableBytes { all -> [(Int, Range<Int>)] in
            stride(from: 0, to: all.count, by: max(size, 1)).map { offset in
                let range = offset..<min(offset + size, all.count)
                let bytes = UnsafeRawBufferPointer(rebasing: all[range])
                return (ReceiverShardDispatch.shard(of: bytes, from: datagram.remoteAddress, shardCount: shards.count), range)
            }
        }
        for (index, range) in owners {
            var segment = item
            segment.segment = range
            shards[index].enqueue(segment)
        }
    }

    /// Closes the interval in every shard (each under its own lock, one after the other) and
    /// merges the records; with `withSummary`, also every shard's figures merged.
    static func closeInterval(
        _ shards: [ReceiverShard], now: Duration, withSummary: Bool
    ) -> (record: IntervalRecord?, summary: ReceiverSummary?) {
        var records: [IntervalRecord] = []
        var parts: [ReceiverShardSnapshot] = []
        var starts: [Int?] = []
        for shard in shards {
            let taken = shard.core.withLock { core -> (IntervalRecord, ReceiverShardSnapshot?, Int?) in
                let record = core.closeInterval(now: now)
                let dropped = shard.queueDropped.load(ordering: .relaxed)
                let part: ReceiverShardSnapshot? =
                    !withSummary ? nil
                    : shards.count == 1 ? ReceiverShardSnapshot(summary: core.summary, primaryStartNumber: nil, queueDropped: dropped)
                    : core.shardSnapshot(queueDropped: dropped)
                return (record, part, core.primaryStartNumber)
            }
            records.append(taken.0)
            if let part = taken.1 { parts.append(part) }
            starts.append(taken.2)
        }
        let record = ReceiverShards.merge(records, primary: ReceiverShards.primaryShard(startNumbers: starts))
        return (record, withSummary ? ReceiverShards.merge(parts) : nil)
    }

    /// What the kernel dropped at these sockets (receive buffer full), summed; `nil` when not counted.
    static func kernelDrops(_ sockets: [UDPSocket]) async -> KernelDropAccount? {
        var total: KernelDropAccount?
        for socket in sockets {
            guard let account = await socket.kernelDropAccount() else { continue }
            total = KernelDropAccount(
                drops: (total?.drops ?? 0) + account.drops, isExact: (total?.isExact ?? true) && account.isExact)
        }
        return total
    }

    /// Sends a receiver report by UDP and, while the sender uses TCP, on its connection too.
    /// - Returns: whether the UDP copy left (false: this host refused it, or its socket had closed).
    @discardableResult
    static func send(_ report: ReceiverReportOut, udp: UDPSocket?, tcp: TCPMediaListener?) async -> Bool {
        var sent = true
        if let udp {
            do { try await udp.sendConfirmed(report.bytes, to: report.udpDestination) } catch { sent = false }
        }
        if case .tcp(let connectionID) = report.tcp {
            try? await tcp?.send(report.tcpBytes ?? report.bytes, toConnection: connectionID)
        }
        return sent
    }
}
