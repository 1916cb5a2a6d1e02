/// Receiver-side memory of announced schemas, keyed by schema id and bounded in size.
///
/// When full, registering a new id evicts the least recently used schema, so a sender cycling
/// through ids cannot grow memory without bound. Announcements repeat periodically, so an
/// evicted schema comes back at the next announcement.
public struct TelemetrySchemaRegistry: Sendable {
    /// What ``register(_:)`` did.
    public enum Outcome: Sendable, Hashable {
        /// The id was unknown.
        case added
        /// The id was known with identical channels.
        case unchanged
        /// The id was known with different channels (e.g. the sender restarted); replaced.
        case replaced
    }

    /// Default number of schemas kept.
    public static let defaultCapacity = 16

    /// Most schemas kept at once (at least 1).
    public let capacity: Int
    private var entries: [UInt16: (schema: TelemetrySchema, lastUse: UInt64)] = [:]
    private var useClock: UInt64 = 0

    public init(capacity: Int = TelemetrySchemaRegistry.defaultCapacity) {
        self.capacity = max(1, capacity)
    }

    /// Number of schemas currently remembered.
    public var count: Int { entries.count }

    /// Remembers `schema` under its id, evicting the least recently used entry if full.
    @discardableResult
    public mutating func register(_ schema: TelemetrySchema) -> Outcome {
        useClock &+= 1
        let outcome: Outcome
        if let existing = entries[schema.id] {
            outcome = existing.schema == schema ? .unchanged : .replaced
        } else {
            outcome = .added
            if entries.count >= capacity,
                let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
            {
                entries[oldest] = nil
            }
        }
        entries[schema.id] = (schema, useClock)
        return outcome
    }

    /// The schema announced under `id`, marking it recently used; `nil` if unknown.
    public mutating func schema(id: UInt16) -> TelemetrySchema? {
        guard let entry = entries[id] else { return nil }
        useClock &+= 1
        entries[id] = (entry.schema, useClock)
        return entry.schema
    }

    /// Whether `id` is known, without touching recency.
    public func contains(id: UInt16) -> Bool { entries[id] != nil }
}
