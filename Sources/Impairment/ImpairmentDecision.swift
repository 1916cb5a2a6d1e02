import JitterbugSupport

/// The engine's verdict on one packet: dropped (no deliveries, a reason), delivered once, or
/// duplicated (two deliveries, each with its own time and corruption).
public struct ImpairmentDecision: Sendable, Hashable {
    /// Zero-based index of the packet in the engine's input order.
    public var packetIndex: Int
    /// The send time the caller gave.
    public var sendTime: Duration
    /// The size the caller gave, clamped at 0.
    public var sizeBytes: Int
    /// 0 (dropped), 1 or 2 (duplicated) copies, original first.
    public var deliveries: [ImpairmentDelivery]
    /// Set exactly when `deliveries` is empty.
    public var dropReason: DropReason?

    public init(packetIndex: Int, sendTime: Duration, sizeBytes: Int, deliveries: [ImpairmentDelivery], dropReason: DropReason?) {
        self.packetIndex = packetIndex
        self.sendTime = sendTime
        self.sizeBytes = sizeBytes
        self.deliveries = deliveries
        self.dropReason = dropReason
    }

    /// True when no copy is delivered.
    public var isDropped: Bool { deliveries.isEmpty }
    /// True when two copies are delivered.
    public var isDuplicated: Bool { deliveries.count > 1 }
    /// True when any delivered copy is corrupted.
    public var isCorrupted: Bool { deliveries.contains { $0.corruption != nil } }

    /// The ground-truth log record of this decision (times in whole microseconds, truncated).
    public var groundTruth: GroundTruthRecord {
        let sendMicros = sendTime.wholeMicroseconds
        var corruptions: [GroundTruthRecord.Corruption] = []
        for (copy, delivery) in deliveries.enumerated() {
            if let c = delivery.corruption {
                corruptions.append(.init(copy: copy, byte: c.byteIndex, mask: Int(c.bitMask)))
            }
        }
        return GroundTruthRecord(
            index: packetIndex,
            sendMicroseconds: Int(sendMicros),
            sizeBytes: sizeBytes,
            fate: isDropped ? .dropped : .delivered,
            reason: dropReason,
            delayMicroseconds: deliveries.map { Int(($0.deliverAt - sendTime).wholeMicroseconds) },
            duplicated: isDuplicated,
            corrupted: isCorrupted,
            corruptions: corruptions)
    }
}
