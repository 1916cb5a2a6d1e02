/// Runs an operation that Ctrl-C (SIGINT) or SIGTERM cancels instead of killing the process,
/// so receivers still close their files and print their summary.
enum CancelOnInterrupt {
    static func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await operation() }
        return try await InterruptSignals.handling({ task.cancel() }, during: { try await task.value })
    }
}
