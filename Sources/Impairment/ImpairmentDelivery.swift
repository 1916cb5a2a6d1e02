/// One copy of a packet the engine lets through.
public struct ImpairmentDelivery: Sendable, Hashable {
    /// When to hand the copy to the receiver, on the same time axis as the send time.
    public var deliverAt: Duration
    /// The bit to flip in this copy, if it is corrupted.
    public var corruption: BitCorruption?

    public init(deliverAt: Duration, corruption: BitCorruption? = nil) {
        self.deliverAt = deliverAt
        self.corruption = corruption
    }
}
