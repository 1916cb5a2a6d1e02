/// Ring of slots indexed by extended sequence number modulo a power of two. A slot holds a
/// buffered packet, or the final outcome of a sequence number already passed (history used to
/// tell a late copy from a duplicate). The slot table's size is fixed at creation.
///
/// Memory (#17): a slot is 8 bytes — the low 32 bits of its sequence number, its state, and the
/// index of its packet in a separate pool — so the default 512 slots take 4 KiB. The pool holds
/// only the packets buffered at once: it grows on demand (one entry per new high-water mark of
/// buffered packets, at most the buffer's capacity + 1) and its entries are reused. (It was one
/// 72-byte slot with a packet in each of the 512, 37 KiB per stream.) A 32-bit tag is exact: the
/// sequence numbers compared are within the ring's span of each other, and a slot is rewritten
/// at least every `size` sequence numbers, far fewer than 2³².
///
/// Payload bytes are copied into arrays the pool keeps: a freed entry keeps its array (up to
/// ``spareLimit`` free entries do) and the next stored packet reuses it, so a stream in steady
/// state stores packets without heap allocation (while a played frame still references its
/// bytes, the reuse waits for the next free entry).
struct PacketRing: Sendable {
    struct Slot: Sendable {
        /// Low 32 bits of the slot's sequence number (meaningful unless `state == .empty`).
        var tag: UInt32 = 0
        /// Index in `pool` of the buffered packet (meaningful while `state == .buffered`).
        var entry: UInt16 = 0
        var state: State = .empty
    }

    enum State: UInt8, Sendable {
        case empty, buffered
        case played, recoveredByFEC, concealedLost, concealedLate, discardedToShrink, droppedOverflow, flushedOnReset

        init(_ outcome: SlotOutcome) {
            switch outcome {
            case .played: self = .played
            case .recoveredByFEC: self = .recoveredByFEC
            case .concealedLost: self = .concealedLost
            case .concealedLate: self = .concealedLate
            case .discardedToShrink: self = .discardedToShrink
            case .droppedOverflow: self = .droppedOverflow
            case .flushedOnReset: self = .flushedOnReset
            }
        }

        var outcome: SlotOutcome? {
            switch self {
            case .empty, .buffered: nil
            case .played: .played
            case .recoveredByFEC: .recoveredByFEC
            case .concealedLost: .concealedLost
            case .concealedLate: .concealedLate
            case .discardedToShrink: .discardedToShrink
            case .droppedOverflow: .droppedOverflow
            case .flushedOnReset: .flushedOnReset
            }
        }
    }

    /// A buffered packet and its extended timestamp.
    struct Entry: Sendable {
        /// The packet; its payload storage is recycled.
        var packet: JitterBufferPacket
        var timestamp: Int64
    }

    private var slots: [Slot]
    private let mask: Int
    private var pool: [Entry] = []
    /// Indices of free pool entries (a stack).
    private var free: [UInt16] = []

    /// Most free pool entries that keep their payload array for reuse: enough for a full
    /// buffer's worth of churn in one call, few enough that an idle stream holds little.
    static let spareLimit = 16

    /// Number of slots (a power of two ≥ `minimumSize`, at least 64).
    var size: Int64 { Int64(slots.count) }

    /// Pool entries allocated (the most packets buffered at once so far).
    var poolCount: Int { pool.count }

    init(minimumSize: Int) {
        var size = 64
        while size < minimumSize { size *= 2 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
        // Sized once (2 bytes a slot): grown by doubling, it allocated on the playout path each
        // time a burst buffered more packets than ever before.
        free.reserveCapacity(size)
    }

    @inline(__always) private func index(_ sequence: Int64) -> Int { Int(truncatingIfNeeded: sequence) & mask }

    @inline(__always) private static func tag(_ sequence: Int64) -> UInt32 { UInt32(truncatingIfNeeded: sequence) }

    /// The pool index of the packet buffered at `sequence`, if any.
    @inline(__always) private func bufferedEntry(_ sequence: Int64) -> Int? {
        let slot = slots[index(sequence)]
        guard slot.state == .buffered, slot.tag == Self.tag(sequence) else { return nil }
        return Int(slot.entry)
    }

    /// The buffered packet and its extended timestamp, if `sequence` is buffered.
    func packet(at sequence: Int64) -> (packet: JitterBufferPacket, timestamp: Int64)? {
        guard let entry = bufferedEntry(sequence) else { return nil }
        return (pool[entry].packet, pool[entry].timestamp)
    }

    /// Whether `sequence` is buffered (no copy of the packet).
    func isBuffered(_ sequence: Int64) -> Bool { bufferedEntry(sequence) != nil }

    /// Arrival time of the buffered packet at `sequence`.
    func arrivalNanoseconds(at sequence: Int64) -> Int64? {
        bufferedEntry(sequence).map { pool[$0].packet.arrivalNanoseconds }
    }

    /// The recorded outcome of `sequence`, if it is still in the history.
    func outcome(at sequence: Int64) -> SlotOutcome? {
        let slot = slots[index(sequence)]
        return slot.tag == Self.tag(sequence) ? slot.state.outcome : nil
    }

    /// Stores `packet` (its `payload` is ignored) with the bytes of `payload`, copied.
    mutating func store(_ packet: JitterBufferPacket, payload: UnsafeRawBufferPointer, sequence: Int64, timestamp: Int64) {
        let position = index(sequence)
        if slots[position].state == .buffered { release(Int(slots[position].entry)) }
        let entry = takeEntry()
        var storage: [UInt8] = []
        swap(&storage, &pool[entry].packet.payload)
        storage.removeAll(keepingCapacity: true)
        // Headroom, so the usual variation of a VBR codec's packet sizes does not regrow it.
        if storage.capacity < payload.count { storage.reserveCapacity(payload.count + payload.count / 2) }
        storage.append(contentsOf: payload)
        pool[entry].packet = packet
        pool[entry].packet.payload = storage
        pool[entry].timestamp = timestamp
        slots[position] = Slot(tag: Self.tag(sequence), entry: UInt16(truncatingIfNeeded: entry), state: .buffered)
    }

    /// Records the outcome and frees the packet; returns whether a packet was buffered there.
    @discardableResult
    mutating func resolve(_ sequence: Int64, as outcome: SlotOutcome) -> Bool {
        let position = index(sequence)
        let hadPacket = slots[position].state == .buffered && slots[position].tag == Self.tag(sequence)
        if slots[position].state == .buffered { release(Int(slots[position].entry)) }
        slots[position] = Slot(tag: Self.tag(sequence), entry: 0, state: State(outcome))
        return hadPacket
    }

    mutating func removeAll() {
        for position in slots.indices {
            if slots[position].state == .buffered { release(Int(slots[position].entry)) }
            slots[position] = Slot()
        }
    }

    /// A free pool entry: a reused one (with its payload array), else a new one.
    private mutating func takeEntry() -> Int {
        if let reused = free.popLast() { return Int(reused) }
        pool.append(Entry(packet: Self.emptyPacket, timestamp: 0))
        return pool.count - 1
    }

    /// Returns entry `entry` to the free list; beyond ``spareLimit`` free entries its payload
    /// array is released.
    private mutating func release(_ entry: Int) {
        if free.count >= Self.spareLimit { pool[entry].packet.payload = [] }
        free.append(UInt16(truncatingIfNeeded: entry))
    }

    private static let emptyPacket = JitterBufferPacket(ssrc: 0, sequenceNumber: 0, timestamp: 0, arrivalNanoseconds: 0, payload: [])
}
