/// Holds impaired packets until their delivery time: a binary min-heap on (deliverAt, arrival
/// order), so equal times leave in push order. Shared by the sender, the relay and the lab so all
/// release packets the same way. Capacity-limited: pushes beyond it are refused and counted.
public struct ImpairmentScheduler<Payload> {
    private var heap: [SchedulerEntry<Payload>] = []
    private var nextSequence: UInt64 = 0
    /// Most packets held at once (≥ 1).
    public let capacity: Int
    /// Pushes refused because the scheduler was full.
    public private(set) var droppedCount = 0

    /// `capacity` is clamped to at least 1.
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Packets held.
    public var count: Int { heap.count }
    /// True when nothing is held.
    public var isEmpty: Bool { heap.isEmpty }
    /// The earliest delivery time held, for the caller's timer; nil when empty.
    public var nextDeadline: Duration? { heap.first?.deliverAt }

    /// Holds `payload` until `deliverAt`. Returns false (and counts a drop) when full.
    @discardableResult
    public mutating func push(_ payload: Payload, deliverAt: Duration) -> Bool {
        guard heap.count < capacity else {
            droppedCount += 1
            return false
        }
        heap.append(SchedulerEntry(deliverAt: deliverAt, sequence: nextSequence, payload: payload))
        nextSequence &+= 1
        siftUp(from: heap.count - 1)
        return true
    }

    /// Removes and returns every payload with `deliverAt <= now`, earliest first.
    public mutating func popDue(now: Duration) -> [Payload] {
        var due: [Payload] = []
        while let first = heap.first, first.deliverAt <= now {
            due.append(removeFirst().payload)
        }
        return due
    }

    /// Removes and returns everything, earliest first (e.g. at shutdown).
    public mutating func drainAll() -> [Payload] {
        var all: [Payload] = []
        all.reserveCapacity(heap.count)
        while !heap.isEmpty { all.append(removeFirst().payload) }
        return all
    }

    private mutating func removeFirst() -> SchedulerEntry<Payload> {
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast()
        if !heap.isEmpty { siftDown(from: 0) }
        return first
    }

    private mutating func siftUp(from start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

extension ImpairmentScheduler: Sendable where Payload: Sendable {}

/// A held packet; `sequence` breaks ties so equal delivery times keep push order.
struct SchedulerEntry<Payload> {
    var deliverAt: Duration
    var sequence: UInt64
    var payload: Payload

    func precedes(_ other: SchedulerEntry) -> Bool {
        (deliverAt, sequence) < (other.deliverAt, other.sequence)
    }
}

extension SchedulerEntry: Sendable where Payload: Sendable {}
