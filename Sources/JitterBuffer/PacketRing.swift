/// Fixed-size ring of slots indexed by extended sequence number modulo a power of two. A slot holds
/// a buffered packet, or the final outcome of a sequence number already passed (history used to
/// tell a late copy from a duplicate). The slot table is fixed at creation: it never grows.
///
/// Payload bytes are copied into arrays the ring recycles: a resolved slot's storage goes to a
/// small spare list and the next stored packet reuses it, so a stream in steady state stores
/// packets without heap allocation (while a played frame still references its bytes, the reuse
/// waits for the next spare).
struct PacketRing: Sendable {
    struct Slot: Sendable {
        var sequence: Int64 = .min
        var isBuffered = false
        /// The buffered packet (meaningful while `isBuffered`); its payload storage is recycled.
        var packet = JitterBufferPacket(ssrc: 0, sequenceNumber: 0, timestamp: 0, arrival: .zero, payload: [])
        var timestamp: Int64 = 0
        var outcome: SlotOutcome?
    }

    private var slots: [Slot]
    private let mask: Int
    /// Payload arrays of resolved slots, kept for reuse (at most `spareLimit`).
    private var spare: [[UInt8]] = []

    /// Most payload arrays kept for reuse: enough for a full buffer's worth of churn in one call,
    /// few enough that an idle stream holds little (about 16 × the payload size).
    static let spareLimit = 16

    /// Number of slots (a power of two ≥ `minimumSize`, at least 64).
    var size: Int64 { Int64(slots.count) }

    init(minimumSize: Int) {
        var size = 64
        while size < minimumSize { size *= 2 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
        spare.reserveCapacity(Self.spareLimit)
    }

    @inline(__always) private func index(_ sequence: Int64) -> Int { Int(truncatingIfNeeded: sequence) & mask }

    /// The buffered packet and its extended timestamp, if `sequence` is buffered.
    func packet(at sequence: Int64) -> (packet: JitterBufferPacket, timestamp: Int64)? {
        let position = index(sequence)
        guard slots[position].sequence == sequence, slots[position].isBuffered else { return nil }
        return (slots[position].packet, slots[position].timestamp)
    }

    /// Whether `sequence` is buffered (no copy of the packet).
    func isBuffered(_ sequence: Int64) -> Bool {
        let position = index(sequence)
        return slots[position].sequence == sequence && slots[position].isBuffered
    }

    /// Arrival time of the buffered packet at `sequence`.
    func arrivalNanoseconds(at sequence: Int64) -> Int64? {
        let position = index(sequence)
        guard slots[position].sequence == sequence, slots[position].isBuffered else { return nil }
        return slots[position].packet.arrivalNanoseconds
    }

    /// The recorded outcome of `sequence`, if it is still in the history.
    func outcome(at sequence: Int64) -> SlotOutcome? {
        let slot = index(sequence)
        return slots[slot].sequence == sequence ? slots[slot].outcome : nil
    }

    /// Stores `packet` (its `payload` is ignored) with the bytes of `payload`, copied.
    mutating func store(_ packet: JitterBufferPacket, payload: UnsafeRawBufferPointer, sequence: Int64, timestamp: Int64) {
        let position = index(sequence)
        var storage = takeStorage(of: position)
        storage.removeAll(keepingCapacity: true)
        // Headroom, so the usual variation of a VBR codec's packet sizes does not regrow it.
        if storage.capacity < payload.count { storage.reserveCapacity(payload.count + payload.count / 2) }
        storage.append(contentsOf: payload)
        slots[position].sequence = sequence
        slots[position].isBuffered = true
        slots[position].timestamp = timestamp
        slots[position].outcome = nil
        slots[position].packet = packet
        slots[position].packet.payload = storage
    }

    /// Records the outcome and frees the packet; returns whether a packet was buffered there.
    @discardableResult
    mutating func resolve(_ sequence: Int64, as outcome: SlotOutcome) -> Bool {
        let position = index(sequence)
        let hadPacket = slots[position].sequence == sequence && slots[position].isBuffered
        if slots[position].isBuffered { recycle(takeStorage(of: position)) }
        slots[position].sequence = sequence
        slots[position].isBuffered = false
        slots[position].outcome = outcome
        return hadPacket
    }

    mutating func removeAll() {
        for position in slots.indices {
            if slots[position].isBuffered { recycle(takeStorage(of: position)) }
            slots[position].sequence = .min
            slots[position].isBuffered = false
            slots[position].outcome = nil
        }
    }

    /// Moves the payload array out of a slot (leaving an empty one), or a spare one.
    private mutating func takeStorage(of position: Int) -> [UInt8] {
        var storage: [UInt8] = []
        swap(&storage, &slots[position].packet.payload)
        if storage.capacity == 0, let reused = spare.popLast() { return reused }
        return storage
    }

    private mutating func recycle(_ storage: [UInt8]) {
        if storage.capacity > 0, spare.count < Self.spareLimit { spare.append(storage) }
    }
}
