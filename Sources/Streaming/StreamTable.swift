/// The receiver's streams by (source address, SSRC), stored in a slab: a key finds an index once,
/// and the stream is then mutated in place through the array. (A `Dictionary`'s in-place
/// `subscript` mutation runs nested `_modify` coroutines whose frames are heap-allocated in
/// unoptimised code — about ten allocations per packet; an array slot costs none.)
///
/// Freed slots are reused, so the slab never grows beyond the most streams held at once
/// (the receiver caps that at `maxStreams`).
struct StreamTable {
    private var slots: [ReceivedStream?] = []
    private var indexByKey: [StreamKey: Int] = [:]
    private var freeSlots: [Int] = []

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
        } else {
            slots.append(stream)
            indexByKey[stream.key] = slots.count - 1
        }
    }

    /// Removes and returns the stream with `key`.
    @discardableResult
    mutating func removeValue(forKey key: StreamKey) -> ReceivedStream? {
        guard let index = indexByKey.removeValue(forKey: key) else { return nil }
        var removed: ReceivedStream?
        swap(&removed, &slots[index])
        freeSlots.append(index)
        return removed
    }

    /// Runs `body` on the stream with `key` in place; `nil` when there is none.
    mutating func withStream<T>(_ key: StreamKey, _ body: (inout ReceivedStream) throws -> T) rethrows -> T? {
        guard let index = indexByKey[key], slots[index] != nil else { return nil }
        return try body(&slots[index]!)
    }
}
