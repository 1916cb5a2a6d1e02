#if os(Linux)
import Dispatch
import Foundation
import Glibc
import Impairment
import Synchronization

/// A kernel-level impairment lab: two network namespaces (sender side, receiver side) joined by
/// TUN devices whose IP packets a userspace relay passes through `ImpairmentEngine`s, so the
/// kernel's own UDP and TCP (retransmissions, head-of-line blocking) meet the same seeded loss,
/// delay, duplication and corruption. Packets from sender to receiver go `up` (`spec.up`), the
/// reverse `down` (`spec.down`).
///
/// Needs CAP_NET_ADMIN and CAP_SYS_ADMIN (root), /dev/net/tun and `ip` (iproute2); `start`
/// throws a `LabError` naming what is missing. Addresses are RFC 5737 TEST-NET-1 and exist only
/// inside the lab's namespaces. Namespaces and devices go away on `shutdown()`, on
/// SIGINT/SIGTERM/SIGHUP (unless disabled), and a lab left by a killed process is removed by
/// the next `start`.
package final class ImpairmentLab: Sendable {
    /// Sender-side address (point-to-point on its TUN device).
    package static let senderAddress = "192.0.2.1"
    /// Receiver-side address.
    package static let receiverAddress = "192.0.2.2"
    /// TUN interface name inside the sender namespace.
    package static let senderInterface = "jbtun-s"
    /// TUN interface name inside the receiver namespace.
    package static let receiverInterface = "jbtun-r"
    /// Transmit queue of each TUN device, in packets (the kernel's default for TUN is 500).
    package static let txQueuePackets = 1000
    /// Longest wait for a relay thread to stop.
    static let relayStopTimeout: Duration = .seconds(2)

    /// The spec the relays run.
    package let spec: ImpairmentSpec
    /// The sender-side namespace name.
    package let senderNamespace: String
    /// The receiver-side namespace name.
    package let receiverNamespace: String
    /// Stale lab namespaces this lab's start removed.
    package let removedStaleNamespaces: [String]
    /// The `ip` executable used.
    package let ipPath: String
    /// When the relays started; packet send times in the ground truth count from here.
    package let origin: ContinuousClock.Instant

    private let up: LabRelay
    private let down: LabRelay
    private let tunFDs: [CInt]
    private let stopPipe: [CInt]
    private let state = Mutex(State())
    private let teardownFinished = DispatchSemaphore(value: 0)
    private static let serial = Mutex(0)

    private struct State {
        var shutDown = false
        var processes: [LabProcess] = []
        var interruptKey: Int?
        var teardownErrors: [LabError] = []
    }

    private init(
        spec: ImpairmentSpec, names: (sender: String, receiver: String), removed: [String], ipPath: String,
        tunFDs: [CInt], stopPipe: [CInt], options: Options
    ) {
        self.spec = spec
        senderNamespace = names.sender
        receiverNamespace = names.receiver
        removedStaleNamespaces = removed
        self.ipPath = ipPath
        self.tunFDs = tunFDs
        self.stopPipe = stopPipe
        origin = ContinuousClock.now
        up = LabRelay(
            direction: .up, sourceFD: tunFDs[0], destinationFD: tunFDs[1], stopFD: stopPipe[0], origin: origin,
            schedulerCapacity: options.schedulerCapacityPackets, recordLimit: options.groundTruthRecordLimit,
            groundTruthPath: options.groundTruthPath(.up))
        down = LabRelay(
            direction: .down, sourceFD: tunFDs[1], destinationFD: tunFDs[0], stopFD: stopPipe[0], origin: origin,
            schedulerCapacity: options.schedulerCapacityPackets, recordLimit: options.groundTruthRecordLimit,
            groundTruthPath: options.groundTruthPath(.down))
        up.start(engine: ImpairmentEngine(spec: spec, direction: .up, seedOverride: options.seed))
        down.start(engine: ImpairmentEngine(spec: spec, direction: .down, seedOverride: options.seed))
    }

    /// Checks prerequisites, removes stale labs, creates and wires both namespaces and starts
    /// the relays. Blocks for the `ip` commands (tens of milliseconds). On failure everything
    /// created so far is removed again.
    package static func start(spec: ImpairmentSpec, options: Options = Options()) throws(LabError) -> ImpairmentLab {
        let ipPath = try (options.prerequisites ?? LabPrerequisites.current()).check()
        guard LabSystemCalls.setns != nil else { throw .setnsUnavailable }
        let removed = options.removeStaleLabs ? try LabNamespaces.removeStaleLabs(ipPath: ipPath) : []
        let number = serial.withLock { value in
            defer { value += 1 }
            return value
        }
        let names = LabNamespaces.names(pid: getpid(), serial: number)
        var created: [String] = []
        var fds: [CInt] = []
        func undo() {
            for fd in fds { close(fd) }
            for name in created { try? LabNamespaces.remove(name, ipPath: ipPath) }
        }
        do throws(LabError) {
            for name in [names.sender, names.receiver] {
                try LabNamespaces.ip(ipPath, ["netns", "add", name])
                created.append(name)
            }
            fds = try LabNamespaces.openTunDevices([
                (names.sender, senderInterface), (names.receiver, receiverInterface),
            ])
            let sides = [
                (names.sender, senderInterface, senderAddress, receiverAddress),
                (names.receiver, receiverInterface, receiverAddress, senderAddress),
            ]
            for (namespace, interface, local, peer) in sides {
                try LabNamespaces.ip(ipPath, ["-n", namespace, "link", "set", "dev", "lo", "up"])
                // No IPv6 link-local address: no router solicitations or MLD reports on the path.
                try LabNamespaces.ip(ipPath, [
                    "-n", namespace, "link", "set", "dev", interface, "addrgenmode", "none",
                    "txqueuelen", String(txQueuePackets),
                ])
                try LabNamespaces.ip(ipPath, [
                    "-n", namespace, "addr", "add", "\(local)/32", "peer", "\(peer)/32", "dev", interface,
                ])
                try LabNamespaces.ip(ipPath, ["-n", namespace, "link", "set", "dev", interface, "up"])
            }
            var pipeFDs: [CInt] = [-1, -1]
            guard pipe(&pipeFDs) == 0 else { throw .systemCallFailed(operation: "pipe", reason: errnoText()) }
            pipeFDs.forEach(LabSystemCalls.setCloseOnExec)
            fds += pipeFDs
            let lab = ImpairmentLab(
                spec: spec, names: names, removed: removed, ipPath: ipPath, tunFDs: Array(fds[0..<2]),
                stopPipe: pipeFDs, options: options)
            if options.handleInterrupts {
                let key = LabInterruptGuard.register { [lab] in lab.shutdown() }
                lab.state.withLock { $0.interruptKey = key }
            }
            return lab
        } catch {
            undo()
            throw error
        }
    }

    /// Runs `body` with a started lab and shuts it down afterwards, also when `body` throws or
    /// the task is cancelled. Start and shutdown run on a helper thread, not the caller's.
    package static func with<Value>(
        spec: ImpairmentSpec, options: Options = Options(),
        isolation: isolated (any Actor)? = #isolation,
        _ body: (ImpairmentLab) async throws -> Value
    ) async throws -> Value {
        let lab = try await offThread { () throws(LabError) in try start(spec: spec, options: options) }
        do {
            let result = try await body(lab)
            _ = try? await offThread { lab.shutdown() }
            return result
        } catch {
            _ = try? await offThread { lab.shutdown() }
            throw error
        }
    }

    /// Stops the relays and commands, closes the TUN devices (they vanish) and deletes both
    /// namespaces. Idempotent and thread-safe: later callers wait for the first teardown.
    /// Returns problems met on the way (empty when all went well).
    @discardableResult
    package func shutdown() -> [LabError] {
        let (first, processes, key) = state.withLock { state in
            defer { state.shutDown = true }
            return (!state.shutDown, state.processes, state.interruptKey)
        }
        guard first else {
            _ = teardownFinished.wait(timeout: .now() + .seconds(15))
            teardownFinished.signal()
            return state.withLock { $0.teardownErrors }
        }
        for process in processes { process.signalGroup(SIGKILL) }
        var errors: [LabError] = []
        var wake: UInt8 = 1
        _ = Glibc.write(stopPipe[1], &wake, 1)
        for relay in [up, down] where !relay.join(timeout: Self.relayStopTimeout) {
            errors.append(.systemCallFailed(operation: "stop \(relay.direction.rawValue) relay", reason: "timed out"))
        }
        for fd in tunFDs + stopPipe { close(fd) }
        for name in [senderNamespace, receiverNamespace] {
            do throws(LabError) { try LabNamespaces.remove(name, ipPath: ipPath) } catch { errors.append(error) }
        }
        state.withLock { $0.teardownErrors = errors }
        // Unregistered only now, so a signal arriving mid-teardown still finds this lab and
        // waits for the teardown (second `shutdown` caller) before the signal ends the process.
        if let key { LabInterruptGuard.unregister(key) }
        teardownFinished.signal()
        return errors
    }

    /// True once `shutdown()` has begun.
    package var isShutDown: Bool { state.withLock { $0.shutDown } }

    /// The namespace of one side.
    package func namespace(_ side: LabSide) -> String {
        side == .sender ? senderNamespace : receiverNamespace
    }

    /// The address of one side (`senderAddress` or `receiverAddress`).
    package func address(_ side: LabSide) -> String {
        side == .sender ? Self.senderAddress : Self.receiverAddress
    }

    /// What one direction's relay did so far (published after every batch of ≤ 64 packets).
    package func counters(_ direction: ImpairmentDirection) -> LabDirectionCounters {
        direction == .up ? up.counters : down.counters
    }

    /// The ground truth kept in memory for one direction (see `Options.groundTruthRecordLimit`).
    package func groundTruth(_ direction: ImpairmentDirection) -> [LabPacketRecord] {
        direction == .up ? up.records : down.records
    }

    /// Why a ground-truth file could not be written, if it could not.
    package func groundTruthFileError(_ direction: ImpairmentDirection) -> String? {
        direction == .up ? up.groundTruthFileError : down.groundTruthFileError
    }

    /// Starts `arguments` inside one side's namespace (`ip netns exec NAME ...`). The lab kills
    /// it at shutdown if it is still running.
    package func spawn(_ side: LabSide, _ arguments: [String], output: LabProcess.Output = .capture) throws(LabError) -> LabProcess {
        let process = try LabProcess(arguments: [ipPath, "netns", "exec", namespace(side)] + arguments, output: output)
        let accepted = state.withLock { state in
            state.processes.removeAll { !$0.isRunning }
            if !state.shutDown { state.processes.append(process) }
            return !state.shutDown
        }
        if !accepted {
            process.signalGroup(SIGKILL)
            throw .systemCallFailed(operation: "spawn in \(namespace(side))", reason: "the lab is shut down")
        }
        return process
    }

    /// Runs `arguments` in one side's namespace to completion (stopped after `timeout`).
    package func run(_ side: LabSide, _ arguments: [String], timeout: Duration = .seconds(30)) async throws(LabError) -> LabCommandResult {
        try await spawn(side, arguments).wait(timeout: timeout)
    }

    /// Runs `arguments` in the sender namespace to completion.
    package func run(inSenderNamespace arguments: [String], timeout: Duration = .seconds(30)) async throws(LabError) -> LabCommandResult {
        try await run(.sender, arguments, timeout: timeout)
    }

    /// Runs `arguments` in the receiver namespace to completion.
    package func run(inReceiverNamespace arguments: [String], timeout: Duration = .seconds(30)) async throws(LabError) -> LabCommandResult {
        try await run(.receiver, arguments, timeout: timeout)
    }

    /// `/proc/net/snmp` of one side's namespace.
    package func snmpCounters(_ side: LabSide) async throws(LabError) -> LabSNMPCounters {
        let result = try await run(side, ["cat", "/proc/net/snmp"], timeout: .seconds(10))
        guard result.succeeded else {
            throw .commandFailed(arguments: result.arguments, status: result.status, standardError: result.standardError)
        }
        return LabSNMPCounters(parsing: result.standardOutput)
    }

    /// TCP segments retransmitted so far by one side's kernel (`Tcp: RetransSegs`).
    package func tcpRetransmittedSegments(_ side: LabSide) async throws(LabError) -> Int {
        guard let value = try await snmpCounters(side).tcpRetransmittedSegments else {
            throw .counterNotFound(namespace: namespace(side), counter: "Tcp RetransSegs")
        }
        return value
    }

    /// Runs blocking work on a fresh thread and awaits it, keeping the caller's executor free.
    static func offThread<T: Sendable>(_ work: @escaping @Sendable () throws(LabError) -> T) async throws(LabError) -> T {
        let result: Result<T, LabError> = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Result { () throws(LabError) in try work() }) }.start()
        }
        return try result.get()
    }
}
#endif
