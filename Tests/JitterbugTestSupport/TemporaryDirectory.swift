import Foundation

/// Fresh, empty directories under the system's temporary directory, one per test.
package enum TemporaryDirectory {
    /// Creates `<tmp>/<prefix>-<UUID>`; the caller removes it (or uses ``with(prefix:_:)``).
    package static func create(prefix: String = "jitterbug-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `body` with a fresh directory and removes the directory and everything in it
    /// afterwards, also when `body` throws.
    package static func with<T>(prefix: String = "jitterbug-test", _ body: (URL) async throws -> T) async throws -> T {
        let url = try create(prefix: prefix)
        defer { try? FileManager.default.removeItem(at: url) }
        return try await body(url)
    }

    /// ``with(prefix:_:)`` for synchronous bodies.
    package static func withSync<T>(prefix: String = "jitterbug-test", _ body: (URL) throws -> T) throws -> T {
        let url = try create(prefix: prefix)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }
}
