import JitterbugSupport
#if os(Linux)
import Dispatch
import Foundation
import Glibc
import Synchronization

/// A command the lab spawned (posix_spawn) in its own process group, with stdout and stderr
/// captured or inherited. The group is what gets signalled, so helpers a command starts end
/// with it. Signal dispositions are reset to default in the child (the lab may ignore SIGINT).
package final class LabProcess: Sendable {
    /// Whether the command's output is captured or goes to this process's stdout/stderr.
    package enum Output: Sendable, Hashable {
        /// Captured into the result; stdin is /dev/null.
        case capture
        /// Inherits stdin, stdout and stderr (for interactive CLI use).
        case inherit
    }

    /// Most bytes kept per captured stream; the rest is read and discarded.
    package static let captureLimitBytes = 16 << 20
    /// Time between SIGTERM and SIGKILL when a command is stopped.
    package static let killGracePeriod: Duration = .seconds(1)

    /// The command line as spawned.
    package let arguments: [String]
    /// The child's process id (also its process-group id).
    package let processIdentifier: pid_t
    private let state = Mutex(State())

    private struct State {
        var result: LabCommandResult?
        var waiters: [@Sendable (LabCommandResult) -> Void] = []
        var timedOut = false
        /// Set under the lock in the same step as `waitpid` succeeds: from then on the pid may
        /// be reused by an unrelated process and must not be signalled.
        var reaped = false
    }

    /// Spawns `arguments[0]` (an absolute path or a name looked up in PATH).
    package init(arguments: [String], output: Output = .capture) throws(LabError) {
        guard let executable = arguments.first else {
            throw .systemCallFailed(operation: "spawn", reason: "empty command line")
        }
        var outPipe: [CInt] = [-1, -1]
        var errPipe: [CInt] = [-1, -1]
        if output == .capture {
            guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
                throw .systemCallFailed(operation: "pipe", reason: errnoText())
            }
            for fd in outPipe + errPipe { LabSystemCalls.setCloseOnExec(fd) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if output == .capture {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
        if output == .capture {
            close(outPipe[1])
            close(errPipe[1])
        }
        guard code == 0 else {
            if output == .capture {
                close(outPipe[0])
                close(errPipe[0])
            }
            throw .systemCallFailed(operation: "spawn \(executable)", reason: errnoText(code))
        }
        self.arguments = arguments
        processIdentifier = pid
        let readFDs = output == .capture ? [outPipe[0], errPipe[0]] : []
        let collector = Thread { [self] in collect(readFDs: readFDs) }
        collector.start()
    }

    /// True until the command has exited and been reaped.
    package var isRunning: Bool { state.withLock { !$0.reaped } }

    /// Waits until the command ends; after `timeout` it is stopped (SIGTERM to its group, then
    /// SIGKILL after `killGracePeriod`) and the result says `timedOut`.
    package func wait(timeout: Duration? = nil) async -> LabCommandResult {
        armTimeout(timeout)
        return await withCheckedContinuation { continuation in
            whenFinished { continuation.resume(returning: $0) }
        }
    }

    /// Blocking form of `wait(timeout:)`, for threads that may block.
    package func waitBlocking(timeout: Duration? = nil) -> LabCommandResult {
        armTimeout(timeout)
        let box = ResultBox<LabCommandResult>()
        let done = DispatchSemaphore(value: 0)
        whenFinished { result in
            box.value.withLock { $0 = .success(result) }
            done.signal()
        }
        done.wait()
        if case .success(let result) = box.value.withLock({ $0 }) { return result }
        return LabCommandResult(
            arguments: arguments, status: -1, terminationSignal: nil, standardOutput: "",
            standardError: "", timedOut: false)
    }

    /// SIGTERM to the command's process group, then SIGKILL after the grace period if it is
    /// still running. Does nothing once it has been reaped (so a reused pid is never hit).
    package func terminate() {
        signalGroup(SIGTERM)
        let nanoseconds = Self.killGracePeriod.components.seconds * 1_000_000_000
            + Self.killGracePeriod.components.attoseconds / 1_000_000_000
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [self] in
            signalGroup(SIGKILL)
        }
    }

    /// Sends `signal` to the process group while the child is not yet reaped. The check and the
    /// kill happen under the lock the collector takes before reaping, so the id is still ours.
    func signalGroup(_ signal: Int32) {
        state.withLock { state in
            guard !state.reaped else { return }
            _ = kill(-processIdentifier, signal)
        }
    }

    private func armTimeout(_ timeout: Duration?) {
        guard let timeout else { return }
        let nanoseconds = max(0, timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [self] in
            let running = state.withLock { state in
                if state.result == nil { state.timedOut = true }
                return state.result == nil
            }
            if running { terminate() }
        }
    }

    private func whenFinished(_ waiter: @escaping @Sendable (LabCommandResult) -> Void) {
        let finished: LabCommandResult? = state.withLock { state in
            if let result = state.result { return result }
            state.waiters.append(waiter)
            return nil
        }
        if let finished { waiter(finished) }
    }

    /// Runs on the collector thread: reads the pipes until the child exits, then reaps it.
    private func collect(readFDs: [CInt]) {
        var streams: [[UInt8]] = Array(repeating: [], count: readFDs.count)
        var open = readFDs
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var rawStatus: Int32 = 0
        var exited = false
        while !exited || !open.isEmpty {
            if !open.isEmpty {
                var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
                _ = poll(&fds, nfds_t(fds.count), exited ? 0 : 50)
                for entry in fds where entry.revents != 0 {
                    let n = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                    if n < 0, errno == EINTR || errno == EAGAIN { continue }
                    if n > 0, let slot = readFDs.firstIndex(of: entry.fd) {
                        let room = max(0, Self.captureLimitBytes - streams[slot].count)
                        streams[slot].append(contentsOf: chunk[0..<min(n, room)])
                    } else {
                        close(entry.fd)
                        open.removeAll { $0 == entry.fd }
                    }
                }
                // A grandchild may hold the pipes open after the child exits: stop reading then.
                if exited, fds.allSatisfy({ $0.revents == 0 }) {
                    for fd in open { close(fd) }
                    open.removeAll()
                }
            } else {
                usleep(exited ? 0 : 20_000)
            }
            if !exited {
                // The lock makes reaping and `signalGroup` mutually exclusive.
                exited = state.withLock { state in
                    state.reaped = waitpid(processIdentifier, &rawStatus, WNOHANG) == processIdentifier
                    return state.reaped
                }
            }
        }
        let signal = rawStatus & 0x7F
        let result = LabCommandResult(
            arguments: arguments,
            status: signal == 0 ? (rawStatus >> 8) & 0xFF : 128 + signal,
            terminationSignal: signal == 0 ? nil : signal,
            standardOutput: streams.first.map { String(decoding: $0, as: UTF8.self) } ?? "",
            standardError: streams.count > 1 ? String(decoding: streams[1], as: UTF8.self) : "",
            timedOut: false)
        let waiters = state.withLock { state in
            var final = result
            final.timedOut = state.timedOut
            state.result = final
            defer { state.waiters.removeAll() }
            return (state.waiters, final)
        }
        for waiter in waiters.0 { waiter(waiters.1) }
    }
}
#endif
