import Synchronization

/// The last cumulative value seen per counter, so only increases are added.
final class LastTotals: Sendable {
    private let values = Mutex<[String: Int64]>([:])

    /// Returns how much `total` exceeds the last value of `name` (0 if it did not grow) and stores it.
    func advance(_ name: String, to total: Int64) -> Int64 {
        values.withLock { values in
            let previous = values[name] ?? 0
            guard total > previous else { return 0 }
            values[name] = total
            return total - previous
        }
    }
}
