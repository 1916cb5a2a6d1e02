import Foundation

/// Readiness waits: poll a condition until it holds or a time limit passes, instead of
/// sleeping a fixed time and hoping.
package enum Wait {
    /// Polls `condition` every 10 ms (without blocking a thread) until it holds or `timeout`
    /// passes; returns whether it held.
    package static func until(
        within timeout: Duration = .seconds(10), _ condition: () async throws -> Bool
    ) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return try await condition()
    }

    /// Blocks the calling thread, polling `condition` every 10 ms until it holds or
    /// `timeoutSeconds` pass; returns whether it held. For synchronous tests.
    package static func until(timeoutSeconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeoutSeconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(10_000)
        }
        return try condition()
    }

    /// Waits until a file exists at `path` (a ready file a child touches once it is bound).
    package static func forFile(_ path: String, within timeout: Duration = .seconds(20)) async -> Bool {
        await until(within: timeout) { FileManager.default.fileExists(atPath: path) }
    }
}
