import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

extension ProbeCommand {
    /// `probe`'s signals: SIGHUP reloads, SIGTERM stops cleanly (exit 0), SIGINT stops as an
    /// interruption (exit 130). Handled in the process for as long as the body runs.
    enum Signals {
        enum Ending: Sendable { case finished, terminated, interrupted }

        static func handling(
            reload: @escaping @Sendable () -> Void, stop: @escaping @Sendable () -> Void, during body: () async throws -> Void
        ) async throws -> Ending {
            let ending = Mutex<Ending>(.finished)
            let handlers: [(Int32, @Sendable () -> Void)] = [
                (SIGHUP, reload),
                (SIGTERM, {
                    ending.withLock { if $0 == .finished { $0 = .terminated } }
                    stop()
                }),
                (SIGINT, {
                    ending.withLock { if $0 == .finished { $0 = .interrupted } }
                    stop()
                }),
            ]
            let sources = handlers.map { number, handler in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler(handler: handler)
                source.resume()
                return source
            }
            defer {
                sources.forEach { $0.cancel() }
                for (number, _) in handlers { signal(number, SIG_DFL) }
            }
            do {
                try await body()
            } catch is CancellationError {
            }
            return ending.withLock { $0 }
        }
    }
}
