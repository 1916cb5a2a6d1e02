import Synchronization

/// What the shards of one sharded receiver share: the numbering of stream starts (so merged
/// lists keep start order and the primary stream is the first to start across shards) and the
/// stream table's capacity (`maxStreams` is one limit for the whole receiver, not per shard).
package final class ReceiverShardShared: Sendable {
    private let startCounter = Atomic<Int>(0)
    private let streamSlots = Atomic<Int>(0)
    /// Streams (on probation or decoding) the shards hold together at most.
    package let maxStreams: Int

    package init(maxStreams: Int) {
        self.maxStreams = maxStreams
    }

    /// The next stream start's number (0, 1, 2, … across all shards).
    func nextStartNumber() -> Int {
        startCounter.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// Takes one place in the shared stream table; `false` when it is full.
    func acquireStreamSlot() -> Bool {
        let taken = streamSlots.wrappingAdd(1, ordering: .relaxed).newValue
        guard taken <= maxStreams else {
            streamSlots.wrappingSubtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    /// Gives back a place taken by ``acquireStreamSlot()`` (the stream left its shard's table).
    func releaseStreamSlot() {
        streamSlots.wrappingSubtract(1, ordering: .relaxed)
    }

    /// Streams held now across the shards.
    var streamsHeld: Int { streamSlots.load(ordering: .relaxed) }
}
