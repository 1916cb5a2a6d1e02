/// The last `capacity` points of one stream, oldest first: a fixed-size ring, so a stream's
/// history never grows past it however long the run.
package struct PointRing: Sendable {
    package let capacity: Int
    private var storage: [StreamPoint] = []
    private var next = 0

    /// - Parameter capacity: most points kept (at least 1).
    package init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage.reserveCapacity(self.capacity)
    }

    package mutating func append(_ point: StreamPoint) {
        if storage.count < capacity {
            storage.append(point)
        } else {
            storage[next] = point
            next = (next + 1) % capacity
        }
    }

    /// The points kept, oldest first.
    package var points: [StreamPoint] {
        storage.count < capacity ? storage : Array(storage[next...] + storage[..<next])
    }

    package var count: Int { storage.count }
}
