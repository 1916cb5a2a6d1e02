import Foundation
import JitterbugTestSupport

extension TemporaryDirectory {
    /// Runs `body` with a fresh directory, removed afterwards (synchronous tests).
    static func withSync<T>(_ body: (URL) throws -> T) throws -> T {
        let url = try create(prefix: "capture-test")
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }
}
