#if os(Linux)
import Glibc

/// Network-namespace and TUN plumbing for the lab, on top of the `ip` command (iproute2) and
/// `setns(2)`. Lab namespaces are named `jblab-<pid>-<n>-s` / `-r`, so a later run can tell a
/// stale lab (its pid is gone) from a live one and remove it.
package enum LabNamespaces {
    /// Prefix of every namespace the lab creates.
    package static let namePrefix = "jblab-"
    /// Where `ip netns add` bind-mounts namespaces.
    static let mountDirectory = "/run/netns"
    /// Seconds an `ip` command may take before it is killed.
    static let ipTimeout: Duration = .seconds(10)

    /// The namespace names of lab `serial` of process `pid`: (sender, receiver).
    package static func names(pid: Int32, serial: Int) -> (sender: String, receiver: String) {
        ("\(namePrefix)\(pid)-\(serial)-s", "\(namePrefix)\(pid)-\(serial)-r")
    }

    /// The pid encoded in a lab namespace name, nil for names the lab did not create.
    package static func ownerPID(ofNamespace name: String) -> Int32? {
        guard name.hasPrefix(namePrefix) else { return nil }
        let fields = name.dropFirst(namePrefix.count).split(separator: "-")
        guard fields.count == 3, fields[2] == "s" || fields[2] == "r", Int(fields[1]) != nil else { return nil }
        return Int32(fields[0])
    }

    /// Runs `ip ARGS`, throwing its stderr when it fails.
    @discardableResult
    static func ip(_ ipPath: String, _ arguments: [String]) throws(LabError) -> String {
        let process = try LabProcess(arguments: [ipPath] + arguments)
        let result = process.waitBlocking(timeout: ipTimeout)
        guard result.succeeded else {
            throw .commandFailed(arguments: ["ip"] + arguments, status: result.status, standardError: result.standardError)
        }
        return result.standardOutput
    }

    /// Names from `ip netns list` (first word of each line; the rest is "(id: N)").
    package static func list(ipPath: String) throws(LabError) -> [String] {
        try ip(ipPath, ["netns", "list"]).split(separator: "\n").compactMap { line in
            line.split(separator: " ").first.map(String.init)
        }
    }

    /// Lab namespaces whose owner process no longer exists.
    package static func staleNamespaces(in names: [String], isAlive: (Int32) -> Bool = processExists) -> [String] {
        names.filter { name in ownerPID(ofNamespace: name).map { !isAlive($0) } ?? false }
    }

    /// Removes a namespace: kills what still runs in it (a killed lab's commands), then deletes it.
    static func remove(_ name: String, ipPath: String) throws(LabError) {
        let pids = (try? ip(ipPath, ["netns", "pids", name])) ?? ""
        for pid in pids.split(separator: "\n").compactMap({ Int32($0) }) where pid > 1 {
            _ = kill(pid, SIGKILL)
        }
        try ip(ipPath, ["netns", "del", name])
    }

    /// Removes every lab namespace left by a process that is gone; returns the names removed.
    @discardableResult
    package static func removeStaleLabs(ipPath: String) throws(LabError) -> [String] {
        let stale = staleNamespaces(in: try list(ipPath: ipPath))
        for name in stale { try remove(name, ipPath: ipPath) }
        return stale
    }

    /// True when a process with this id exists (EPERM also means it exists).
    package static func processExists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// Creates TUN device `interface` inside each namespace and returns their descriptors, in
    /// the order given. Done on a throwaway thread that enters each namespace with setns(2): a
    /// TUN device belongs to the namespace of the thread that opened /dev/net/tun, and the
    /// descriptor keeps working from any namespace afterwards. Descriptors are close-on-exec
    /// and non-blocking; the devices vanish when they are closed.
    static func openTunDevices(_ requests: [(namespace: String, interface: String)]) throws(LabError) -> [CInt] {
        guard let setns = LabSystemCalls.setns else { throw .setnsUnavailable }
        let result: Result<[CInt], LabError> = LabSystemCalls.onFreshThread {
            var opened: [CInt] = []
            func fail(_ operation: String) -> Result<[CInt], LabError> {
                let reason = errnoText()
                for fd in opened { close(fd) }
                return .failure(.systemCallFailed(operation: operation, reason: reason))
            }
            for request in requests {
                let nsFD = open("\(mountDirectory)/\(request.namespace)", O_RDONLY | O_CLOEXEC)
                guard nsFD >= 0 else { return fail("open namespace \(request.namespace)") }
                let entered = setns(nsFD, LabSystemCalls.cloneNewNet)
                close(nsFD)
                guard entered == 0 else { return fail("setns into \(request.namespace)") }
                let fd = open(LabPrerequisites.tunDevicePath, O_RDWR | O_CLOEXEC | O_NONBLOCK)
                guard fd >= 0 else { return fail("open \(LabPrerequisites.tunDevicePath)") }
                opened.append(fd)
                var ifreq = [UInt8](repeating: 0, count: LabSystemCalls.interfaceRequestSize)
                for (i, byte) in request.interface.utf8.prefix(LabSystemCalls.interfaceNameCapacity - 1).enumerated() {
                    ifreq[i] = byte
                }
                let flags = LabSystemCalls.interfaceFlagTun | LabSystemCalls.interfaceFlagNoPacketInfo
                ifreq[LabSystemCalls.interfaceNameCapacity] = UInt8(flags & 0xFF)
                ifreq[LabSystemCalls.interfaceNameCapacity + 1] = UInt8(flags >> 8)
                let status = ifreq.withUnsafeMutableBytes { bytes -> CInt in
                    guard let base = bytes.baseAddress else { return -1 }
                    return ioctl(fd, LabSystemCalls.tunSetInterface, base)
                }
                guard status == 0 else { return fail("TUNSETIFF \(request.interface) in \(request.namespace)") }
            }
            // This thread ends now, so it never needs to return to the original namespace.
            return .success(opened)
        }
        return try result.get()
    }
}
#endif
