/// One direction of a two-way path in the lab: `up` (client → server) and `down` (server → client).
/// A one-way sender uses `up`.
public enum ImpairmentDirection: String, Sendable, Hashable, CaseIterable {
    case up
    case down
}
