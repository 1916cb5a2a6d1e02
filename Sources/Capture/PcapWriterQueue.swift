import Dispatch
import Foundation
import Synchronization

/// ``PcapWriter`` off the packet path: the receive loop hands each datagram or frame over with
/// ``enqueueUDP(timestampNanoseconds:source:destination:payload:)`` or
/// ``enqueueTCPFrame(timestampNanoseconds:connectionID:source:destination:frame:)`` (a copy of
/// its bytes into a preallocated batch, under a lock; no allocation, no I/O), and one writer
/// thread writes the batches to the file with buffered I/O.
///
/// Bounded: at most `capacityPackets` packets and `capacityBytes` bytes wait. A packet that does
/// not fit is not written and is counted in ``PcapWriterCounters/dropped``, never silently lost.
/// The writer takes the waiting batch as soon as it passes ``wakeBytes``, and at least every
/// ``drainInterval``; the file is written when 256 KiB have collected and at least every
/// ``flushInterval``.
public final class PcapWriterQueue: Sendable {
    /// The file's path.
    public let path: String
    private let state: Mutex<State>
    private let file: Mutex<PcapWriter>
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let capacityPackets: Int
    private let capacityBytes: Int

    /// The writer takes the waiting batch at least this often.
    static let drainInterval: DispatchTimeInterval = .milliseconds(50)
    /// Collected records reach the file at least this often, even below 256 KiB.
    static let flushInterval: Duration = .seconds(1)
    /// Waiting bytes that wake the writer at once.
    static let wakeBytes = 256 * 1024

    private struct State {
        var pending: PcapWriterQueueBatch
        var counters = PcapWriterCounters()
        /// Packets taken into the queue (written, waiting, or lost to a write failure).
        var accepted = 0
        /// Packets turned away at the door (queue full, failed, closed).
        var refused = 0
        var closing = false
        var failed = false
    }

    /// Opens (creates or truncates) `path`, writes the pcap header and starts the writer thread.
    /// - Parameters:
    ///   - capacityPackets: most packets waiting (1...1 000 000).
    ///   - capacityBytes: most payload bytes waiting (64 KiB ... 1 GiB).
    /// - Throws: ``PcapWriterError/cannotOpen(path:reason:)`` when the file cannot be written.
    public init(path: String, capacityPackets: Int = 65_536, capacityBytes: Int = 16 << 20) throws(PcapWriterError) {
        self.path = path
        self.capacityPackets = min(max(capacityPackets, 1), 1_000_000)
        self.capacityBytes = min(max(capacityBytes, 65_536), 1 << 30)
        file = Mutex(try PcapWriter(path: path))
        state = Mutex(State(pending: PcapWriterQueueBatch(capacityPackets: self.capacityPackets, capacityBytes: self.capacityBytes)))
        let thread = Thread { [self] in self.writerLoop() }
        thread.name = "jitterbug-pcap-writer"
        thread.start()
    }

    /// Hands one UDP datagram over (copied). Never blocks on I/O.
    /// - Returns: false when it was dropped (queue full, writer failed, or closed).
    @discardableResult
    public func enqueueUDP(
        timestampNanoseconds: Int64, source: PcapWriterEndpoint, destination: PcapWriterEndpoint,
        payload: UnsafeRawBufferPointer
    ) -> Bool {
        enqueue(timestampNanoseconds, source, destination, connectionID: nil, payload)
    }

    /// Hands one RFC 4571 frame (without its length) from TCP connection `connectionID` over
    /// (copied). Never blocks on I/O.
    /// - Returns: false when it was dropped (queue full, writer failed, or closed).
    @discardableResult
    public func enqueueTCPFrame(
        timestampNanoseconds: Int64, connectionID: Int, source: PcapWriterEndpoint, destination: PcapWriterEndpoint,
        frame: UnsafeRawBufferPointer
    ) -> Bool {
        enqueue(timestampNanoseconds, source, destination, connectionID: connectionID, frame)
    }

    /// Figures so far (packets still waiting are in neither `packets` nor `dropped`).
    public var counters: PcapWriterCounters { state.withLock { $0.counters } }

    /// Writes everything waiting, closes the file and stops the writer thread; returns the final
    /// counters. Blocks until the file is closed. Later calls return the same counters; packets
    /// handed over afterwards count as dropped.
    @discardableResult
    public func close() -> PcapWriterCounters {
        let first = state.withLock { state in
            defer { state.closing = true }
            return !state.closing
        }
        if first {
            wake.signal()
            finished.wait()
            // Others waiting in `close` are released in turn.
            finished.signal()
        } else {
            finished.wait()
            finished.signal()
        }
        return counters
    }

    private func enqueue(
        _ timestampNanoseconds: Int64, _ source: PcapWriterEndpoint, _ destination: PcapWriterEndpoint,
        connectionID: Int?, _ payload: UnsafeRawBufferPointer
    ) -> Bool {
        let (accepted, shouldWake) = state.withLock { state -> (Bool, Bool) in
            let batch = state.pending
            guard !state.closing, !state.failed, batch.entries.count < capacityPackets,
                batch.bytes.count + payload.count <= capacityBytes
            else {
                state.refused += 1
                state.counters.dropped += 1
                return (false, false)
            }
            state.accepted += 1
            let before = batch.bytes.count
            state.pending.entries.append(
                PcapWriterQueueEntry(
                    timestampNanoseconds: timestampNanoseconds, source: source, destination: destination,
                    connectionID: connectionID, payloadStart: before, payloadCount: payload.count))
            state.pending.bytes.append(contentsOf: payload)
            // Wake the writer once per crossing of the mark, not per packet.
            return (true, before < Self.wakeBytes && before + payload.count >= Self.wakeBytes)
        }
        if shouldWake { wake.signal() }
        return accepted
    }

    /// The writer thread: takes the waiting batch, writes it, until closed.
    private func writerLoop() {
        var batch = PcapWriterQueueBatch(capacityPackets: capacityPackets, capacityBytes: capacityBytes)
        let clock = ContinuousClock()
        var lastFlush = clock.now
        while true {
            _ = wake.wait(timeout: .now() + Self.drainInterval)
            let closing = state.withLock { state in
                swap(&state.pending, &batch)
                return state.closing
            }
            var failure = write(batch)
            batch.removeAll()
            if closing || clock.now - lastFlush >= Self.flushInterval {
                do throws(PcapWriterError) {
                    try file.withLock { writer throws(PcapWriterError) in
                        if closing { try writer.close() } else { try writer.flush() }
                    }
                } catch {
                    failure = failure ?? "\(error)"
                }
                lastFlush = clock.now
            }
            let flushed = file.withLock { $0.flushed }
            state.withLock { state in
                state.counters.packets = flushed.packets
                state.counters.bytes = flushed.payloadBytes
                state.counters.fileBytes = flushed.fileBytes
                if let failure, state.counters.error == nil {
                    state.counters.error = failure
                    state.failed = true
                }
                // After a failure (nothing more is accepted) or at the end, every accepted packet
                // not in the file is lost: counted.
                if state.failed || closing {
                    state.counters.dropped = state.refused + state.accepted - flushed.packets
                }
            }
            if closing { break }
        }
        finished.signal()
    }

    /// Writes one batch, stopping at the first failure (returned: the rest is then lost, and
    /// counted so).
    private func write(_ batch: PcapWriterQueueBatch) -> String? {
        guard !batch.entries.isEmpty else { return nil }
        return file.withLock { $0.write(batch: batch) }
    }
}
