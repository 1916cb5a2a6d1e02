/// Fixed-size ring of slots indexed by extended sequence number modulo a power of two. A slot holds
/// a buffered packet, or the final outcome of a sequence number already passed (history used to
/// tell a late copy from a duplicate). Memory is fixed at creation: it never grows.
struct PacketRing: Sendable {
    struct Slot: Sendable {
        var sequence: Int64 = .min
        var packet: JitterBufferPacket?
        var timestamp: Int64 = 0
        var outcome: SlotOutcome?
    }

    private var slots: [Slot]
    private let mask: Int

    /// Number of slots (a power of two ≥ `minimumSize`, at least 64).
    var size: Int64 { Int64(slots.count) }

    init(minimumSize: Int) {
        var size = 64
        while size < minimumSize { size *= 2 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
    }

    @inline(__always) private func index(_ sequence: Int64) -> Int { Int(truncatingIfNeeded: sequence) & mask }

    /// The buffered packet and its extended timestamp, if `sequence` is buffered.
    func packet(at sequence: Int64) -> (packet: JitterBufferPacket, timestamp: Int64)? {
        let slot = slots[index(sequence)]
        guard slot.sequence == sequence, let packet = slot.packet else { return nil }
        return (packet, slot.timestamp)
    }

    /// The recorded outcome of `sequence`, if it is still in the history.
    func outcome(at sequence: Int64) -> SlotOutcome? {
        let slot = slots[index(sequence)]
        return slot.sequence == sequence ? slot.outcome : nil
    }

    mutating func store(_ packet: JitterBufferPacket, sequence: Int64, timestamp: Int64) {
        slots[index(sequence)] = Slot(sequence: sequence, packet: packet, timestamp: timestamp, outcome: nil)
    }

    /// Records the outcome and frees the packet; returns whether a packet was buffered there.
    @discardableResult
    mutating func resolve(_ sequence: Int64, as outcome: SlotOutcome) -> Bool {
        let position = index(sequence)
        let hadPacket = slots[position].sequence == sequence && slots[position].packet != nil
        slots[position] = Slot(sequence: sequence, packet: nil, timestamp: 0, outcome: outcome)
        return hadPacket
    }

    mutating func removeAll() {
        for position in slots.indices { slots[position] = Slot() }
    }
}
