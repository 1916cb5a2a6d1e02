import JitterbugSupport
#if os(Linux)
import Dispatch
import Foundation
import Glibc
import Impairment
import Synchronization

/// Moves IP packets one way between two TUN devices through an `ImpairmentEngine`, on its own
/// thread: read a packet, ask the engine, write each copy now or hold it in an
/// `ImpairmentScheduler` until its delivery time. The thread owns the engine and scheduler;
/// only counters and kept records are shared, behind a mutex, published once per batch.
final class LabRelay: Sendable {
    /// Packets read per wake-up before counters are published and due copies are written.
    static let batchPackets = 64
    /// Largest packet a TUN device hands over (64 KiB, the IPv4 limit).
    static let bufferBytes = 65_536

    let direction: ImpairmentDirection
    private let sourceFD: CInt
    private let destinationFD: CInt
    private let stopFD: CInt
    private let origin: ContinuousClock.Instant
    private let schedulerCapacity: Int
    private let recordLimit: Int
    private let groundTruthPath: String?
    private let shared = Mutex(Shared())
    private let finished = DispatchSemaphore(value: 0)

    private struct Shared {
        var counters = LabDirectionCounters()
        var records: [LabPacketRecord] = []
        var fileError: String?
    }

    /// `stopFD` is the read end of a pipe: readable means stop. Times are measured from `origin`,
    /// shared by both directions so `at=` phases line up.
    init(
        direction: ImpairmentDirection, sourceFD: CInt, destinationFD: CInt, stopFD: CInt,
        origin: ContinuousClock.Instant, schedulerCapacity: Int, recordLimit: Int, groundTruthPath: String?
    ) {
        self.direction = direction
        self.sourceFD = sourceFD
        self.destinationFD = destinationFD
        self.stopFD = stopFD
        self.origin = origin
        self.schedulerCapacity = schedulerCapacity
        self.recordLimit = recordLimit
        self.groundTruthPath = groundTruthPath
    }

    /// Starts the relay thread with `engine`.
    func start(engine: ImpairmentEngine) {
        let thread = Thread { [self] in
            run(engine: engine)
            finished.signal()
        }
        thread.name = "jitterbug-lab-\(direction.rawValue)"
        thread.start()
    }

    /// Waits for the thread to end after the stop pipe became readable. False on timeout.
    func join(timeout: Duration) -> Bool {
        let ms = Int(timeout.wholeMicroseconds / 1_000)
        return finished.wait(timeout: .now() + .milliseconds(ms)) == .success
    }

    var counters: LabDirectionCounters { shared.withLock { $0.counters } }
    var records: [LabPacketRecord] { shared.withLock { $0.records } }
    var groundTruthFileError: String? { shared.withLock { $0.fileError } }

    private func run(engine initialEngine: ImpairmentEngine) {
        var engine = initialEngine
        var scheduler = ImpairmentScheduler<[UInt8]>(capacity: schedulerCapacity)
        var buffer = [UInt8](repeating: 0, count: Self.bufferBytes)
        var local = LabDirectionCounters()
        var pendingRecords: [LabPacketRecord] = []
        var file: UnsafeMutablePointer<FILE>?
        if let path = groundTruthPath {
            file = fopen(path, "we")
            if file == nil { shared.withLock { $0.fileError = "\(path): \(errnoText())" } }
        }
        defer { if let file { fclose(file) } }
        let clock = ContinuousClock()
        var fds = [
            pollfd(fd: sourceFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stopFD, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            var now = clock.now - origin
            for copy in scheduler.popDue(now: now) { write(copy, counters: &local) }
            local.copiesHeld = scheduler.count
            publish(&local, &pendingRecords)
            let timeout = scheduler.nextDeadline.map { max(0, nanoseconds($0 - now)) }
            fds[0].revents = 0
            fds[1].revents = 0
            let ready = LabSystemCalls.wait(&fds, timeoutNanoseconds: timeout)
            if ready < 0, errno != EINTR { break }
            if fds[1].revents != 0 { break }
            if fds[0].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 { break }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            now = clock.now - origin
            // Copies due by `now` were written above, so writing a due copy directly keeps order.
            for _ in 0..<Self.batchPackets {
                let n = buffer.withUnsafeMutableBytes { read(sourceFD, $0.baseAddress, $0.count) }
                guard n > 0 else { break }
                local.packetsRead += 1
                let summary = buffer.withUnsafeBytes { LabPacketSummary(packet: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                guard let proto = summary.ipProtocol else {
                    local.nonIPv4Discarded += 1
                    continue
                }
                let decision = engine.process(sendTime: now, sizeBytes: n)
                var tally = local.byProtocol[proto] ?? LabProtocolTally()
                tally.packets += 1
                if decision.isDropped {
                    tally.dropped += 1
                    local.packetsDropped += 1
                }
                if decision.isDuplicated { tally.duplicated += 1 }
                if decision.isCorrupted { tally.corrupted += 1 }
                local.byProtocol[proto] = tally
                if file != nil || recordLimit > 0 {
                    let record = LabPacketRecord(direction: direction, packet: summary, record: decision.groundTruth)
                    if let file { fputs(record.jsonLine + "\n", file) }
                    if recordLimit > 0 { pendingRecords.append(record) }
                }
                for delivery in decision.deliveries {
                    if delivery.deliverAt <= now, delivery.corruption == nil {
                        buffer.withUnsafeBytes { write(UnsafeRawBufferPointer(rebasing: $0[0..<n]), counters: &local) }
                        continue
                    }
                    var copy = Array(buffer[0..<n])
                    delivery.corruption?.apply(to: &copy)
                    if delivery.deliverAt <= now {
                        write(copy, counters: &local)
                    } else if !scheduler.push(copy, deliverAt: delivery.deliverAt) {
                        local.schedulerOverflow += 1
                    }
                }
            }
            if let file { fflush(file) }
        }
        // Copies still held are discarded: the path is being torn down.
        local.copiesHeld = 0
        publish(&local, &pendingRecords)
    }

    /// Hands counters and new records to readers (records up to the limit, the rest counted).
    private func publish(_ local: inout LabDirectionCounters, _ pending: inout [LabPacketRecord]) {
        let limit = recordLimit
        shared.withLock { shared in
            let room = max(0, limit - shared.records.count)
            local.recordsNotKept += max(0, pending.count - room)
            shared.records.append(contentsOf: pending.prefix(room))
            shared.counters = local
        }
        pending.removeAll(keepingCapacity: true)
    }

    private func write(_ bytes: [UInt8], counters: inout LabDirectionCounters) {
        bytes.withUnsafeBytes { write($0, counters: &counters) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer, counters: inout LabDirectionCounters) {
        let n = Glibc.write(destinationFD, bytes.baseAddress, bytes.count)
        if n == bytes.count { counters.copiesWritten += 1 } else { counters.writeErrors += 1 }
    }

    private func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
#endif
