#if os(Linux)

/// Why the impairment lab could not start, run a command, or read a counter. Every case says
/// exactly what is missing or what failed, so the CLI can print `description` as is.
package enum LabError: Error, Sendable, Hashable {
    /// The process lacks these capabilities (names such as "CAP_NET_ADMIN").
    case missingCapabilities([String], effectiveUserID: UInt32)
    /// `/dev/net/tun` does not exist.
    case missingTunDevice(path: String)
    /// `/dev/net/tun` exists but could not be opened (errno text).
    case tunDeviceNotUsable(path: String, reason: String)
    /// The `ip` command of iproute2 was not found in any of these directories.
    case missingIPCommand(searched: [String])
    /// The kernel does not offer `setns(2)` (too old or restricted libc).
    case setnsUnavailable
    /// An `ip` command failed: its arguments, exit status and stderr.
    case commandFailed(arguments: [String], status: Int32, standardError: String)
    /// A system call failed during setup: what was being done and the errno text.
    case systemCallFailed(operation: String, reason: String)
    /// A counter was not found in `/proc/net/snmp` of the namespace.
    case counterNotFound(namespace: String, counter: String)
}

extension LabError: CustomStringConvertible {
    package var description: String {
        switch self {
        case .missingCapabilities(let names, let uid):
            let who = uid == 0 ? "running as root but" : "running as uid \(uid),"
            return "jitterbug lab needs \(names.joined(separator: " and ")) (it creates network namespaces "
                + "and TUN devices); this process is \(who) its effective capabilities lack "
                + "\(names.joined(separator: ", ")). Run it as root, e.g. `sudo jitterbug lab ...`, or in a "
                + "container started with --cap-add NET_ADMIN --cap-add SYS_ADMIN."
        case .missingTunDevice(let path):
            return "jitterbug lab needs the TUN device \(path), which does not exist. Load the module "
                + "(`modprobe tun`) or, in a container, pass the device (`--device /dev/net/tun`)."
        case .tunDeviceNotUsable(let path, let reason):
            return "jitterbug lab cannot open \(path): \(reason). It needs read/write access (root)."
        case .missingIPCommand(let searched):
            return "jitterbug lab needs the `ip` command (iproute2), not found in "
                + "\(searched.joined(separator: ", ")). Install it, e.g. `apt-get install iproute2`."
        case .setnsUnavailable:
            return "jitterbug lab needs setns(2), which this system's libc does not provide."
        case .commandFailed(let arguments, let status, let standardError):
            let detail = standardError.trimmingTrailingNewlines()
            return "`\(arguments.joined(separator: " "))` exited with status \(status)"
                + (detail.isEmpty ? "" : ": \(detail)")
        case .systemCallFailed(let operation, let reason):
            return "jitterbug lab: \(operation) failed: \(reason)"
        case .counterNotFound(let namespace, let counter):
            return "counter \(counter) not found in /proc/net/snmp of namespace \(namespace)"
        }
    }
}

extension String {
    /// The string without trailing newlines (for stderr text in messages).
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
#endif
