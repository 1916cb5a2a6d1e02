#if os(Linux)
import Glibc

/// What the lab needs from the system, as observed values, so the check itself is pure and
/// testable with injected values. `LabPrerequisites.current()` probes the real process.
package struct LabPrerequisites: Sendable, Hashable {
    /// Linux capability numbers the lab needs: namespaces and TUN devices need CAP_NET_ADMIN;
    /// `ip netns add` (a bind mount) and `setns(2)` need CAP_SYS_ADMIN.
    package static let requiredCapabilities: [(bit: Int, name: String)] = [
        (12, "CAP_NET_ADMIN"),
        (21, "CAP_SYS_ADMIN"),
    ]
    /// Directories searched for `ip` in addition to `PATH`, in this order.
    package static let ipSearchDirectories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
    /// The TUN clone device.
    package static let tunDevicePath = "/dev/net/tun"

    /// The effective user id (`geteuid()`).
    package var effectiveUserID: UInt32
    /// The effective capability mask (`CapEff` of /proc/self/status); nil when unreadable.
    package var effectiveCapabilities: UInt64?
    /// Whether /dev/net/tun exists.
    package var tunDeviceExists: Bool
    /// Why opening /dev/net/tun read/write failed (errno text); nil when it opened.
    package var tunDeviceOpenError: String?
    /// The `ip` executable found, nil when none.
    package var ipCommandPath: String?
    /// Directories that were searched for `ip` (for the error text).
    package var searchedDirectories: [String]

    package init(
        effectiveUserID: UInt32, effectiveCapabilities: UInt64?, tunDeviceExists: Bool,
        tunDeviceOpenError: String?, ipCommandPath: String?, searchedDirectories: [String]
    ) {
        self.effectiveUserID = effectiveUserID
        self.effectiveCapabilities = effectiveCapabilities
        self.tunDeviceExists = tunDeviceExists
        self.tunDeviceOpenError = tunDeviceOpenError
        self.ipCommandPath = ipCommandPath
        self.searchedDirectories = searchedDirectories
    }

    /// Capability names the process lacks. Without a readable `CapEff`, root is assumed to have
    /// every capability and anyone else none (the kernel's classic rule).
    package var missingCapabilities: [String] {
        let mask = effectiveCapabilities ?? (effectiveUserID == 0 ? ~0 : 0)
        return Self.requiredCapabilities.filter { mask & (UInt64(1) << UInt64($0.bit)) == 0 }.map(\.name)
    }

    /// Throws the first missing prerequisite, in the order a user would fix them: privileges,
    /// the TUN device, then the `ip` command. Returns the `ip` path.
    package func check() throws(LabError) -> String {
        let missing = missingCapabilities
        if !missing.isEmpty { throw .missingCapabilities(missing, effectiveUserID: effectiveUserID) }
        if !tunDeviceExists { throw .missingTunDevice(path: Self.tunDevicePath) }
        if let reason = tunDeviceOpenError { throw .tunDeviceNotUsable(path: Self.tunDevicePath, reason: reason) }
        guard let path = ipCommandPath else { throw .missingIPCommand(searched: searchedDirectories) }
        return path
    }

    /// Probes this process and system.
    package static func current() -> LabPrerequisites {
        let exists = access(tunDevicePath, F_OK) == 0
        var openError: String?
        if exists {
            let fd = open(tunDevicePath, O_RDWR | O_CLOEXEC)
            if fd < 0 { openError = errnoText() } else { close(fd) }
        }
        let pathDirectories = (getenv("PATH").map { String(cString: $0) } ?? "")
            .split(separator: ":").map(String.init)
        var searched: [String] = []
        for directory in pathDirectories + ipSearchDirectories where !searched.contains(directory) {
            searched.append(directory)
        }
        let ip = searched.map { $0 + "/ip" }.first { access($0, X_OK) == 0 }
        return LabPrerequisites(
            effectiveUserID: geteuid(), effectiveCapabilities: readEffectiveCapabilities(),
            tunDeviceExists: exists, tunDeviceOpenError: openError, ipCommandPath: ip,
            searchedDirectories: searched)
    }

    /// `CapEff` from /proc/self/status, nil when unreadable.
    static func readEffectiveCapabilities() -> UInt64? {
        guard let text = readSmallFile("/proc/self/status") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("CapEff:") {
            let hex = line.dropFirst("CapEff:".count).trimmingCharacters(in: " \t")
            return UInt64(hex, radix: 16)
        }
        return nil
    }
}

/// The text of the current `errno`.
func errnoText(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}

/// Reads a small text file (procfs) with plain read(2); nil on any error. At most 1 MiB.
func readSmallFile(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16_384)
    while bytes.count < 1 << 20 {
        let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n < 0, errno == EINTR { continue }
        guard n > 0 else { break }
        bytes.append(contentsOf: chunk[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
}

extension Substring {
    /// The substring without leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
#endif
