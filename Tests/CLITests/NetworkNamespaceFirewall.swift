import Foundation

/// A network namespace of its own (loopback up) with an nftables table in it, for tests that
/// need a firewall on "this host" without touching the machine's own: commands run inside with
/// `ip netns exec`, the output rule drops UDP to one port and counts what it dropped.
/// ``remove()`` deletes the namespace (and the table with it); call it in a `defer`.
struct NetworkNamespaceFirewall {
    let name: String
    let ip: String
    let nft: String

    /// Makes the namespace `name` (a stale one of that name is removed first).
    init(name: String, ip: String, nft: String) throws {
        self.name = name
        self.ip = ip
        self.nft = nft
        _ = try? CommandRunner.run(ip, ["netns", "del", name], timeoutSeconds: 10)
        try Self.check(CommandRunner.run(ip, ["netns", "add", name], timeoutSeconds: 10), "ip netns add \(name)")
        try Self.check(
            CommandRunner.run(ip, ["-n", name, "link", "set", "lo", "up"], timeoutSeconds: 10), "ip link set lo up")
    }

    /// `ip netns exec NAME` plus `arguments`, as an argument list for `ip`.
    func exec(_ arguments: [String]) -> [String] { ["netns", "exec", name] + arguments }

    /// Starts this build's `jitterbug ARGUMENTS` inside the namespace.
    func startJitterbug(_ arguments: [String]) throws -> RunningCommand {
        try CommandRunner.start(ip, exec([CommandRunner.jitterbugPath] + arguments))
    }

    /// Starts `jitterbug recv ARGUMENTS` inside the namespace and waits until it listens (a
    /// receiver that never does is stopped before the error is thrown).
    func startReceiver(_ arguments: [String]) throws -> RunningCommand {
        let receiver = try startJitterbug(["recv"] + arguments)
        do {
            try receiver.waitForLine(containing: "jitterbug recv: listening on")
        } catch {
            _ = try? receiver.finish(timeoutSeconds: 0)
            throw error
        }
        return receiver
    }

    /// Adds table `inet jbfw` with a rule that drops (and counts) UDP to `port` (`match`
    /// "dport") or from it ("sport"), on the `hook` "output" (the sender's sendmsg then fails
    /// with EPERM: a local firewall) or "input" (silently, as a lossy network would).
    func blockUDP(toPort port: Int, match: String = "dport", hook: String = "output") throws {
        try block(["udp", match, "\(port)"], hook: hook)
    }

    /// Drops (and counts) TCP segments to `port` as they arrive: the connection stalls as on a
    /// path that loses everything, and TCP retransmits.
    func blockTCP(toPort port: Int) throws {
        try block(["tcp", "dport", "\(port)"], hook: "input")
    }

    private func block(_ match: [String], hook: String) throws {
        try nftables(["add", "table", "inet", "jbfw"])
        try nftables(["add", "chain", "inet", "jbfw", "out", "{ type filter hook \(hook) priority 0 ; policy accept ; }"])
        try nftables(["add", "rule", "inet", "jbfw", "out"] + match + ["counter", "drop"])
    }

    /// Packets the rule dropped so far (its `counter packets N`).
    func droppedPackets() throws -> Int {
        let listing = try CommandRunner.run(ip, exec([nft, "list", "chain", "inet", "jbfw", "out"]), timeoutSeconds: 10)
        try Self.check(listing, "nft list chain")
        guard let range = listing.stdout.range(of: "counter packets ") else { throw Failure("no counter in \(listing.stdout)") }
        let digits = listing.stdout[range.upperBound...].prefix { $0.isNumber }
        guard let packets = Int(digits) else { throw Failure("no packet count in \(listing.stdout)") }
        return packets
    }

    /// Deletes the table: UDP flows again.
    func unblock() throws { try nftables(["delete", "table", "inet", "jbfw"]) }

    /// Deletes the namespace (idempotent).
    func remove() { _ = try? CommandRunner.run(ip, ["netns", "del", name], timeoutSeconds: 10) }

    private func nftables(_ arguments: [String]) throws {
        try Self.check(CommandRunner.run(ip, exec([nft] + arguments), timeoutSeconds: 10), "nft \(arguments.joined(separator: " "))")
    }

    private static func check(_ result: CommandResult, _ what: String) throws {
        guard result.exitCode == 0 else { throw Failure("\(what) failed (\(result.exitCode)): \(result.stderr)") }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
