import Dispatch
import Pipelines

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) and SIGTERM handled in the process instead of killing it, for as long as
/// `body` runs; the default handling comes back afterwards.
enum InterruptSignals {
    static func handling<T>(_ onSignal: @escaping @Sendable () -> Void, during body: () async throws -> T) async throws -> T {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: onSignal)
            source.resume()
            return source
        }
        defer {
            sources.forEach { $0.cancel() }
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
        return try await body()
    }

    /// `send`: the first signal asks the sender to stop at its next frame (it then says BYE and
    /// prints its summary, and the command exits 130); a second one ends the process, for a
    /// sender stuck on a stalled output.
    static func run<T>(stop: StopRequest, _ body: () async throws -> T) async throws -> T {
        try await handling({
            if stop.isRequested { exit(130) }
            stop.request()
        }, during: body)
    }
}
