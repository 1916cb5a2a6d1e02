import NIOCore
#if canImport(Glibc)
import Glibc
#endif

extension SocketAddress {
    /// 0.0.0.0:`port`, built without parsing text (cannot fail).
    fileprivate init(unspecifiedPort port: UInt16) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        self.init(address, host: "")
    }
}

/// The receiver's streams by (source address, SSRC), stored in a slab: a key finds an index once,
/// and the stream is then mutated in place through the array. (A `Dictionary`'s in-place
/// `subscript` mutation runs nested `_modify` coroutines whose frames are heap-allocated in
/// unoptimised code — about ten allocations per packet; an array slot costs none.) Slots are
/// not optionals: unwrapping `Optional<ReceivedStream>` in place copied the whole stream — a
/// memmove and dozens of retains — on every access; a free slot holds an empty placeholder.
///
/// Freed slots are reused, so the slab never grows beyond the most streams held at once
/// (the receiver caps that at `maxStreams`).
///
/// Each slot also has a due time — when its stream next needs a visit: its next frame, or the
/// moment it would end (idle, drained after BYE) — in a ``DueQueue``, so the receiver takes the
/// few due streams among thousands without touching the others.
struct StreamTable {
    private var slots: [ReceivedStream] = []
    private var indexByKey: [StreamKey: Int] = [:]
    private var freeSlots: [Int] = []
    /// Per slot: whether it holds a stream (else the placeholder).
    private var occupied: [Bool] = []
    /// Per slot: next visit in nanoseconds on the arrivals' timebase.
    private(set) var due = DueQueue()

    /// What a free slot holds: no buffers (histograms allocate on first use, playout never).
    private static var placeholder: ReceivedStream {
        ReceivedStream(key: StreamKey(source: SocketAddress(unspecifiedPort: 0), ssrc: 0), kind: .opus)
    }

    /// Slots in use or free (indices for ``withSlot(_:_:)`` are `0..<slotCount`).
    var slotCount: Int { slots.count }

    /// Streams held.
    var count: Int { indexByKey.count }

    var keys: Dictionary<StreamKey, Int>.Keys { indexByKey.keys }

    /// Every stream held, in slot order (copies: for reports, not per packet).
    var values: [ReceivedStream] { slots.indices.filter { occupied[$0] }.map { slots[$0] } }

    /// A copy of the stream with `key` (its buffers are shared until written, but the copy
    /// itself costs a memmove and many retains: not for per-packet paths).
    subscript(key: StreamKey) -> ReceivedStream? {
        indexByKey[key].map { slots[$0] }
    }

    func contains(_ key: StreamKey) -> Bool { indexByKey[key] != nil }

    /// Adds `stream` under its key (replacing one with the same key).
    mutating func insert(_ stream: ReceivedStream) {
        if let index = indexByKey[stream.key] {
            slots[index] = stream
        } else if let index = freeSlots.popLast() {
            slots[index] = stream
            occupied[index] = true
            indexByKey[stream.key] = index
            due.schedule(index, at: .max)
        } else {
            slots.append(stream)
            occupied.append(true)
            indexByKey[stream.key] = slots.count - 1
        }
    }

    /// Removes and returns the stream with `key`.
    @discardableResult
    mutating func removeValue(forKey key: StreamKey) -> ReceivedStream? {
        guard let index = indexByKey.removeValue(forKey: key) else { return nil }
        var removed = Self.placeholder
        swap(&removed, &slots[index])
        occupied[index] = false
        due.schedule(index, at: .max)
        freeSlots.append(index)
        return removed
    }

    /// Runs `body` on the stream with `key` in place; `nil` when there is none.
    mutating func withStream<T>(_ key: StreamKey, _ body: (inout ReceivedStream) throws -> T) rethrows -> T? {
        guard let index = indexByKey[key] else { return nil }
        return try body(&slots[index])
    }

    /// Runs `body` on the stream in slot `index` in place; `nil` for a free slot.
    mutating func withSlot<T>(_ index: Int, _ body: (inout ReceivedStream) throws -> T) rethrows -> T? {
        guard occupied[index] else { return nil }
        return try body(&slots[index])
    }

    /// Records when the stream in slot `index` next needs a visit, ns (`Int64.max`: never).
    mutating func setDue(nanoseconds: Int64, slot index: Int) {
        due.schedule(index, at: nanoseconds)
    }

    /// Runs `body` on the stream with `key` in place, then recomputes its due time with `wake`
    /// (a packet changed it), even when `body` throws; one table lookup for both. `nil` when
    /// there is none.
    mutating func withStream<T>(
        _ key: StreamKey, refreshingDueWith wake: (inout ReceivedStream) -> Int64,
        _ body: (inout ReceivedStream) throws -> T
    ) rethrows -> T? {
        guard let index = indexByKey[key] else { return nil }
        defer { due.schedule(index, at: wake(&slots[index])) }
        return try body(&slots[index])
    }

    /// Removes the slot due earliest, if it is due at or before `now` (ns), and returns it.
    mutating func popDue(atOrBefore now: Int64) -> Int? { due.popDue(atOrBefore: now) }

    /// The earliest due time of any stream, `nil` when none is due.
    var earliestDue: Duration? { due.earliest.map { .nanoseconds($0) } }

    /// `duration` in nanoseconds, saturated to the `Int64` range.
    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflowed) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflowed ? (seconds < 0 ? .min : .max) : sum
    }
}
