/// Why the engine dropped a packet. Raw values are the ground-truth log strings.
public enum DropReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Independent (Bernoulli) loss, or a loss in the Good state of a Gilbert–Elliott model.
    case random
    /// A loss in the Bad state of a Gilbert–Elliott model.
    case burst
    /// Sent inside a `blackhole=` window.
    case blackhole
    /// The rate queue already held `limit` packets.
    case queue
}
