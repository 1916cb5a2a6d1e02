import Synchronization

/// Counts the scrape connections being served, up to a limit (at least 1).
final class ConnectionSlots: Sendable {
    private let active = Mutex(0)
    private let limit: Int

    init(limit: Int) {
        self.limit = max(limit, 1)
    }

    /// Takes a slot; false when `limit` connections are already being served.
    func acquire() -> Bool {
        active.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func release() {
        active.withLock { $0 -= 1 }
    }
}
