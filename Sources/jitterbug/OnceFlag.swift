import Synchronization

/// A one-way boolean shared between tasks (e.g. "the listener started").
final class OnceFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
