import Foundation
import JitterbugTestSupport

/// Two network namespaces joined by a veth pair, 10.77.100.1 (`sender`) and 10.77.100.2
/// (`receiver`), so a capture on the receiver's veth sees Ethernet frames. (VLAN tags cannot be
/// made here: this kernel has no 8021q module; the reader's VLAN paths are tested against
/// tshark on hand-built frames.) ``remove()`` deletes both namespaces (and the links with them);
/// call it in a `defer`.
struct VethNamespacePair {
    let ip: String
    let sender: String
    let receiver: String
    static let senderAddress = "10.77.100.1"
    static let receiverAddress = "10.77.100.2"
    /// The receiver side's veth, where its frames are captured.
    static let receiverLink = "jbv-b"

    init(ip: String, prefix: String) throws {
        self.ip = ip
        sender = "\(prefix)-a"
        receiver = "\(prefix)-b"
        remove()
        try run(["netns", "add", sender])
        try run(["netns", "add", receiver])
        try run(["link", "add", "jbv-a", "netns", sender, "type", "veth", "peer", "name", Self.receiverLink, "netns", receiver])
        for (namespace, link, address) in [
            (sender, "jbv-a", Self.senderAddress), (receiver, Self.receiverLink, Self.receiverAddress),
        ] {
            try run(["-n", namespace, "link", "set", "lo", "up"])
            try run(["-n", namespace, "link", "set", link, "up"])
            try run(["-n", namespace, "addr", "add", "\(address)/24", "dev", link])
        }
    }

    /// `ip netns exec NAMESPACE` plus `arguments`, as an argument list for `ip`.
    func exec(in namespace: String, _ arguments: [String]) -> [String] { ["netns", "exec", namespace] + arguments }

    func remove() {
        for namespace in [sender, receiver] {
            _ = try? CommandRunner.run(ip, ["netns", "del", namespace], timeoutSeconds: 10)
        }
    }

    private func run(_ arguments: [String]) throws {
        let result = try CommandRunner.run(ip, arguments, timeoutSeconds: 10)
        guard result.exitCode == 0 else {
            throw NetworkNamespaceFirewall.Failure("ip \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
    }
}
