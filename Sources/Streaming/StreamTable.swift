/// The receiver's streams by (source address, SSRC), stored in a slab: a key finds an index once,
/// and the stream is then mutated in place through the array. (A `Dictionary`'s in-place
/// `subscript` mutation runs nested `_modify` coroutines whose frames are heap-allocated in
/// unoptimised code — about ten allocations per packet; an array slot costs none.)
///
/// Freed slots are reused, so the slab never grows beyond the most streams held at once
/// (the receiver caps that at `maxStreams`).
///
/// Each slot also has a due time — when its stream next needs a tick — in a flat array of
/// integers, so the receiver finds the few due streams among thousands by a scan that touches
/// no stream state.
struct StreamTable {
    private var slots: [ReceivedStream?] = []
    private var indexByKey: [StreamKey: Int] = [:]
    private var freeSlots: [Int] = []
    /// Per slot: next tick time in nanoseconds on the arrivals' timebase; `Int64.max` = none.
    private(set) var dueNanoseconds: [Int64] = []

    /// Slots in use or free (indices for ``withSlot(_:_:)`` are `0..<slotCount`).
    var slotCount: Int { slots.count }

    /// Streams held.
    var count: Int { indexByKey.count }

    var keys: Dictionary<StreamKey, Int>.Keys { indexByKey.keys }

    /// Every stream held, in slot order.
    var values: LazyMapSequence<LazyFilterSequence<LazyMapSequence<[ReceivedStream?], ReceivedStream?>>, ReceivedStream> {
        slots.lazy.compactMap { $0 }
    }

    /// A copy of the stream with `key` (cheap: its buffers are shared until written).
    subscript(key: StreamKey) -> ReceivedStream? {
        indexByKey[key].flatMap { slots[$0] }
    }

    func contains(_ key: StreamKey) -> Bool { indexByKey[key] != nil }

    /// Adds `stream` under its key (replacing one with the same key).
    mutating func insert(_ stream: ReceivedStream) {
        if let index = indexByKey[stream.key] {
            slots[index] = stream
        } else if let index = freeSlots.popLast() {
            slots[index] = stream
            indexByKey[stream.key] = index
            dueNanoseconds[index] = .max
        } else {
            slots.append(stream)
            dueNanoseconds.append(.max)
            indexByKey[stream.key] = slots.count - 1
        }
    }

    /// Removes and returns the stream with `key`.
    @discardableResult
    mutating func removeValue(forKey key: StreamKey) -> ReceivedStream? {
        guard let index = indexByKey.removeValue(forKey: key) else { return nil }
        var removed: ReceivedStream?
        swap(&removed, &slots[index])
        dueNanoseconds[index] = .max
        freeSlots.append(index)
        return removed
    }

    /// Runs `body` on the stream with `key` in place; `nil` when there is none.
    mutating func withStream<T>(_ key: StreamKey, _ body: (inout ReceivedStream) throws -> T) rethrows -> T? {
        guard let index = indexByKey[key], slots[index] != nil else { return nil }
        return try body(&slots[index]!)
    }

    /// Runs `body` on the stream in slot `index` in place; `nil` for a free slot.
    mutating func withSlot<T>(_ index: Int, _ body: (inout ReceivedStream) throws -> T) rethrows -> T? {
        guard slots[index] != nil else { return nil }
        return try body(&slots[index]!)
    }

    /// Records when the stream in slot `index` next needs a tick (`nil`: only at a sweep).
    mutating func setDue(_ due: Duration?, slot index: Int) {
        dueNanoseconds[index] = due.map(Self.nanoseconds) ?? .max
    }

    /// Recomputes the due time of the stream with `key` (after a packet changed it).
    mutating func refreshDue(_ key: StreamKey, now: Duration) {
        guard let index = indexByKey[key] else { return }
        let due = withSlot(index) { $0.nextTickTime(now: now) } ?? nil
        dueNanoseconds[index] = due.map(Self.nanoseconds) ?? .max
    }

    /// The earliest due time of any stream, `nil` when none is due.
    var earliestDue: Duration? {
        var earliest = Int64.max
        for due in dueNanoseconds where due < earliest { earliest = due }
        return earliest == .max ? nil : .nanoseconds(earliest)
    }

    /// `duration` in nanoseconds, saturated to the `Int64` range.
    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflowed) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        return overflowed ? (seconds < 0 ? .min : .max) : sum
    }
}
