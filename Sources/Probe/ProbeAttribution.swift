import NIOCore
import Transport

/// Which configured peer sent an inbound test stream, from its source address: the peer whose
/// resolved host address it is. The source port tells nothing (each test is sent from a new
/// ephemeral port, and NAT rewrites it), so peers that share one IP address (several probes on
/// one host) cannot be told apart: their streams, like those of unknown hosts, go to
/// ``ProbePeer/otherName``, which keeps the `peer` label set bounded.
package struct ProbeAttribution: Sendable, Equatable {
    /// Peer name by normalised IP address text, for addresses of exactly one peer.
    private var names: [String: String] = [:]
    /// Addresses shared by several peers.
    private var shared: Set<String> = []

    /// - Parameter peers: each peer's name and resolved IP address (nil when it did not resolve).
    package init(peers: [(name: String, ipAddress: String?)]) {
        for peer in peers {
            guard let ip = peer.ipAddress.map(Self.normalised) else { continue }
            if shared.contains(ip) { continue }
            if names[ip] != nil {
                names[ip] = nil
                shared.insert(ip)
            } else {
                names[ip] = peer.name
            }
        }
    }

    /// Resolves each peer's host (a DNS lookup for names; failures leave the peer out).
    package static func resolving(_ peers: [ProbePeer]) -> ProbeAttribution {
        ProbeAttribution(peers: peers.map { peer in (peer.name, (try? peer.address.resolve())?.ipAddress) })
    }

    /// The peer that a stream named `stream` (`HOST:PORT ssrc 0x…`, or just `HOST:PORT`) came from.
    package func peer(forStream stream: String) -> String {
        let endpoint = stream.split(separator: " ", maxSplits: 1).first.map(String.init) ?? stream
        guard let address = try? EndpointAddress(parsing: endpoint, allowBarePort: false), let host = address.host else {
            return ProbePeer.otherName
        }
        return names[Self.normalised(host)] ?? ProbePeer.otherName
    }

    /// Whether several peers share `ipAddress` (their inbound streams count as "other").
    package func isShared(_ ipAddress: String) -> Bool { shared.contains(Self.normalised(ipAddress)) }

    /// An IPv4-mapped IPv6 address (a dual-stack socket's view of IPv4) is the IPv4 address.
    static func normalised(_ ip: String) -> String {
        let lower = ip.lowercased()
        return lower.hasPrefix("::ffff:") && lower.contains(".") ? String(lower.dropFirst(7)) : lower
    }
}
