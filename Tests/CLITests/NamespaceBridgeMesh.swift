import Foundation
import JitterbugTestSupport

/// Network namespaces on one Ethernet segment, for tests with more than two hosts: a hub
/// namespace holding a bridge (`br0`, address 10.77.SUBNET.254, where the test's Prometheus
/// runs) and one namespace per member, joined to the bridge by a veth (`eth0` in the member,
/// `mN` in the hub) and addressed 10.77.SUBNET.(N+1)/24. Nothing is added to this machine's own
/// namespace. Impairment is nftables in the receiving member (``impairRTP(from:to:port:percent:)``),
/// whose named counters are the ground truth. ``remove()`` deletes every namespace (and the
/// links and tables with them); call it in a `defer`.
struct NamespaceBridgeMesh {
    let ip: String
    let nft: String
    let hub: String
    /// The members' namespace names, in order.
    let members: [String]
    /// The third octet of the members' addresses.
    let subnet: Int

    /// Makes the hub and `count` members named `PREFIX-hub`, `PREFIX-0` … (stale ones of those
    /// names are removed first). A half-made mesh is removed before the error is thrown.
    init(ip: String, nft: String, prefix: String, count: Int, subnet: Int) throws {
        self.ip = ip
        self.nft = nft
        self.subnet = subnet
        hub = "\(prefix)-hub"
        members = (0..<count).map { "\(prefix)-\($0)" }
        remove()
        do {
            try build()
        } catch {
            remove()
            throw error
        }
    }

    private func build() throws {
        try run(["netns", "add", hub])
        try run(["-n", hub, "link", "set", "lo", "up"])
        try run(["-n", hub, "link", "add", "br0", "type", "bridge"])
        try run(["-n", hub, "link", "set", "br0", "up"])
        try run(["-n", hub, "addr", "add", "\(hubAddress)/24", "dev", "br0"])
        for (index, member) in members.enumerated() {
            try run(["netns", "add", member])
            try run(["-n", member, "link", "set", "lo", "up"])
            try run(["link", "add", "eth0", "netns", member, "type", "veth", "peer", "name", "m\(index)", "netns", hub])
            try run(["-n", hub, "link", "set", "m\(index)", "master", "br0", "up"])
            try run(["-n", member, "link", "set", "eth0", "up"])
            try run(["-n", member, "addr", "add", "\(address(of: index))/24", "dev", "eth0"])
        }
    }

    /// Member `index`'s IPv4 address.
    func address(of index: Int) -> String { "10.77.\(subnet).\(index + 1)" }

    /// The hub's address on the bridge.
    var hubAddress: String { "10.77.\(subnet).254" }

    /// `ip netns exec NAMESPACE` plus `arguments`, as an argument list for `ip`.
    func exec(in namespace: String, _ arguments: [String]) -> [String] { ["netns", "exec", namespace] + arguments }

    /// Starts `executable ARGUMENTS` in member `index`'s namespace.
    func start(in index: Int, _ executable: String, _ arguments: [String]) throws -> RunningCommand {
        try CommandRunner.start(ip, exec(in: members[index], [executable] + arguments))
    }

    /// Runs `executable ARGUMENTS` in member `index`'s namespace to completion.
    func run(in index: Int, _ executable: String, _ arguments: [String], timeoutSeconds: Double = 30) throws -> CommandResult {
        try CommandRunner.run(ip, exec(in: members[index], [executable] + arguments), timeoutSeconds: timeoutSeconds)
    }

    /// Drops `percent` % (0–100, `numgen random mod 100`) of the RTP packets member `from`
    /// sends to UDP `port` on member `to`, as they arrive there. RTCP passes untouched, so
    /// reports still flow: on port + 1 it does not match, and multiplexed on `port` (second
    /// byte 200–207, RFC 5761) it is excluded. Two named counters in member `to`'s
    /// table `inet jbimp` count every such RTP packet (`rtp_seen_FROM`) and the dropped ones
    /// (`rtp_dropped_FROM`).
    func impairRTP(from: Int, to: Int, port: Int, percent: Int) throws {
        let namespace = members[to]
        try nftables(in: namespace, ["add", "table", "inet", "jbimp"])
        try nftables(in: namespace, ["add", "chain", "inet", "jbimp", "in", "{ type filter hook input priority 0 ; policy accept ; }"])
        for name in ["rtp_seen_\(from)", "rtp_dropped_\(from)"] {
            try nftables(in: namespace, ["add", "counter", "inet", "jbimp", name])
        }
        // @th,72,8: the second byte of the UDP payload (marker bit and payload type of RTP).
        let rtp = ["ip", "saddr", address(of: from), "udp", "dport", "\(port)", "@th,72,8", "!=", "200-207"]
        try nftables(in: namespace, ["add", "rule", "inet", "jbimp", "in"] + rtp + ["counter", "name", "rtp_seen_\(from)"])
        try nftables(
            in: namespace,
            ["add", "rule", "inet", "jbimp", "in"] + rtp
                + ["numgen", "random", "mod", "100", "<", "\(percent)", "counter", "name", "rtp_dropped_\(from)", "drop"])
    }

    /// The RTP packets from member `from` that reached member `to`'s impairment rule (`seen`)
    /// and those it dropped, as nftables counted them.
    func rtpCounters(from: Int, to: Int) throws -> (seen: Int, dropped: Int) {
        (try counter("rtp_seen_\(from)", in: members[to]), try counter("rtp_dropped_\(from)", in: members[to]))
    }

    private func counter(_ name: String, in namespace: String) throws -> Int {
        let listing = try CommandRunner.run(ip, exec(in: namespace, [nft, "list", "counter", "inet", "jbimp", name]), timeoutSeconds: 10)
        guard listing.exitCode == 0 else { throw NetworkNamespaceFirewall.Failure("nft list counter \(name): \(listing.stderr)") }
        guard let range = listing.stdout.range(of: "packets ") else {
            throw NetworkNamespaceFirewall.Failure("no packet count in \(listing.stdout)")
        }
        guard let packets = Int(listing.stdout[range.upperBound...].prefix { $0.isNumber }) else {
            throw NetworkNamespaceFirewall.Failure("no packet count in \(listing.stdout)")
        }
        return packets
    }

    /// Deletes the hub and the members (idempotent).
    func remove() {
        for namespace in members + [hub] {
            _ = try? CommandRunner.run(ip, ["netns", "del", namespace], timeoutSeconds: 10)
        }
    }

    private func nftables(in namespace: String, _ arguments: [String]) throws {
        let result = try CommandRunner.run(ip, exec(in: namespace, [nft] + arguments), timeoutSeconds: 10)
        guard result.exitCode == 0 else {
            throw NetworkNamespaceFirewall.Failure("nft \(arguments.joined(separator: " ")) in \(namespace): \(result.stderr)")
        }
    }

    private func run(_ arguments: [String]) throws {
        let result = try CommandRunner.run(ip, arguments, timeoutSeconds: 10)
        guard result.exitCode == 0 else {
            throw NetworkNamespaceFirewall.Failure("ip \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
    }
}
