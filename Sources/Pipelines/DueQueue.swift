/// When each stream-table slot next needs a visit, as an indexed binary min-heap keyed by due
/// time (nanoseconds): the receiver's tick takes exactly the due slots, O(log n) each, and never
/// looks at the others (#17; it scanned a flat array of every slot's due time, and visited every
/// stream every 100 ms).
///
/// Each slot is in the heap at most once; ``schedule(_:at:)`` with `Int64.max` takes it out.
/// Ties between equal due times pop in no particular order.
struct DueQueue: Sendable {
    private struct Item: Sendable {
        var due: Int64
        var slot: Int32
    }

    private var heap: [Item] = []
    /// Per slot: its index in `heap`, or -1.
    private var position: [Int32] = []

    /// Slots scheduled.
    var count: Int { heap.count }

    /// The earliest due time, `nil` when nothing is scheduled.
    var earliest: Int64? { heap.first?.due }

    /// The due time of `slot`, `nil` when it is not scheduled.
    func due(of slot: Int) -> Int64? {
        guard slot < position.count, position[slot] >= 0 else { return nil }
        return heap[Int(position[slot])].due
    }

    /// Schedules `slot` at `due` (replacing its earlier due time); `Int64.max` unschedules it.
    mutating func schedule(_ slot: Int, at due: Int64) {
        guard slot >= 0, slot <= Int(Int32.max) else { return }
        while position.count <= slot { position.append(-1) }
        let at = Int(position[slot])
        if due == .max {
            if at >= 0 { remove(at: at) }
            return
        }
        if at < 0 {
            heap.append(Item(due: due, slot: Int32(slot)))
            position[slot] = Int32(heap.count - 1)
            siftUp(heap.count - 1)
            return
        }
        let old = heap[at].due
        guard old != due else { return }
        heap[at].due = due
        if due < old { siftUp(at) } else { siftDown(at) }
    }

    /// Removes and returns the slot due earliest if it is due at or before `now`.
    mutating func popDue(atOrBefore now: Int64) -> Int? {
        guard let first = heap.first, first.due <= now else { return nil }
        remove(at: 0)
        return Int(first.slot)
    }

    private mutating func remove(at index: Int) {
        let removed = heap[index]
        position[Int(removed.slot)] = -1
        let last = heap.removeLast()
        guard index < heap.count else { return }
        heap[index] = last
        position[Int(last.slot)] = Int32(index)
        if last.due < removed.due { siftUp(index) } else { siftDown(index) }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        let item = heap[child]
        while child > 0 {
            let parent = (child - 1) / 2
            guard item.due < heap[parent].due else { break }
            heap[child] = heap[parent]
            position[Int(heap[child].slot)] = Int32(child)
            child = parent
        }
        heap[child] = item
        position[Int(item.slot)] = Int32(child)
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let item = heap[parent]
        let count = heap.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { break }
            let right = left + 1
            let child = right < count && heap[right].due < heap[left].due ? right : left
            guard heap[child].due < item.due else { break }
            heap[parent] = heap[child]
            position[Int(heap[parent].slot)] = Int32(parent)
            parent = child
        }
        heap[parent] = item
        position[Int(item.slot)] = Int32(parent)
    }
}
