#if os(Linux)
import Foundation
import Glibc
import Synchronization

/// Tears labs down when the process gets SIGINT, SIGTERM or SIGHUP, then lets the signal take
/// its default effect (re-raised with the default disposition), so Ctrl-C still ends the
/// program but leaves no namespaces behind. Installed while at least one lab that asked for it
/// is running; the previous handlers are restored when the last one ends. A signal that was
/// ignored when the first lab started (e.g. SIGINT of a background job) stays ignored.
///
/// The handler only writes the signal number to a pipe (the self-pipe trick: write(2) is
/// async-signal-safe); a watcher thread reads it and does the teardown in normal context.
enum LabInterruptGuard {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private struct Registry {
        var nextKey = 0
        var teardowns: [Int: @Sendable () -> Void] = [:]
        var previousActions: [Int32: sigaction] = [:]
        var watcherStarted = false
        var exitHookInstalled = false
    }

    private static let registry = Mutex(Registry())

    /// Write end of the signal pipe. Set once, under the registry lock, before any handler is
    /// installed and never changed afterwards; the handler only reads it (a plain load).
    nonisolated(unsafe) private static var signalPipeWrite: CInt = -1

    /// Registers a teardown; returns the key for `unregister`.
    static func register(_ teardown: @escaping @Sendable () -> Void) -> Int {
        registry.withLock { registry in
            let key = registry.nextKey
            registry.nextKey += 1
            registry.teardowns[key] = teardown
            if !registry.watcherStarted {
                var fds: [CInt] = [-1, -1]
                guard pipe(&fds) == 0 else { return key }
                fds.forEach(LabSystemCalls.setCloseOnExec)
                signalPipeWrite = fds[1]
                let readFD = fds[0]
                Thread { watch(readFD) }.start()
                registry.watcherStarted = true
            }
            if !registry.exitHookInstalled {
                // A program that exits (or returns from main) while a lab runs, e.g. because the
                // signal cut a sleep short, still removes it; this also waits for a teardown the
                // watcher has begun, as `shutdown()` lets later callers wait for the first.
                atexit { LabInterruptGuard.tearDownAll() }
                registry.exitHookInstalled = true
            }
            if registry.previousActions.isEmpty {
                for number in signals {
                    var previous = sigaction()
                    guard sigaction(number, nil, &previous) == 0 else { continue }
                    let ignored = unsafeBitCast(SIG_IGN, to: Int.self)
                    if unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) == ignored { continue }
                    var action = sigaction()
                    action.__sigaction_handler.sa_handler = { number in
                        var byte = UInt8(truncatingIfNeeded: number)
                        _ = write(LabInterruptGuard.signalPipeWrite, &byte, 1)
                    }
                    sigemptyset(&action.sa_mask)
                    action.sa_flags = SA_RESTART
                    if sigaction(number, &action, nil) == 0 { registry.previousActions[number] = previous }
                }
            }
            return key
        }
    }

    /// Removes a teardown; the last removal restores the previous signal handlers.
    static func unregister(_ key: Int) {
        registry.withLock { registry in
            registry.teardowns[key] = nil
            guard registry.teardowns.isEmpty else { return }
            for (number, previous) in registry.previousActions {
                var action = previous
                sigaction(number, &action, nil)
            }
            registry.previousActions.removeAll()
        }
    }

    /// The watcher thread: one byte per signal received.
    private static func watch(_ readFD: CInt) {
        var byte: UInt8 = 0
        while true {
            let n = read(readFD, &byte, 1)
            if n < 0, errno == EINTR { continue }
            guard n == 1 else { return }
            tearDownAll()
            signal(Int32(byte), SIG_DFL)
            raise(Int32(byte))
        }
    }

    /// Runs every registered teardown (each unregisters itself; running one twice is harmless).
    private static func tearDownAll() {
        let teardowns = registry.withLock { Array($0.teardowns.values) }
        for teardown in teardowns { teardown() }
    }
}
#endif
