import NIOCore
import SRTP
import Synchronization

/// The responder's SRTP sessions: for an inbound datagram, the session of the peer its source
/// address is attributed to (that peer's `srtp_key`), else the probe's own key, else none
/// (clear RTP). Peers that share an address (``ProbeAttribution``) use the probe's own key.
///
/// libsrtp keeps state for every SSRC a session has seen and this wrapper cannot remove it;
/// each test is a new SSRC, so a session that lived forever would grow by one stream per test.
/// The sessions are therefore made again once they are `rotateAfter` old (a test running
/// across the change goes on under the new session: its packets still authenticate, and its
/// replay window starts again).
package final class ProbeSRTPKeys: Sendable {
    private struct Table {
        var sessions: [String: SRTPSession] = [:]
        var fallback: SRTPSession?
        var madeAt: ContinuousClock.Instant
    }

    /// Keys by normalised IP address, for addresses of exactly one peer that has a key.
    private let peers: [(ipAddress: String, key: SRTPKeyMaterial)]
    private let ownKey: SRTPKeyMaterial?
    private let replayWindowPackets: Int
    private let rotateAfter: Duration
    private let table: Mutex<Table>

    /// Whether any key is configured (without one the receiver runs in the clear as before).
    package var isEmpty: Bool { peers.isEmpty && ownKey == nil }

    /// - Parameters:
    ///   - peers: each peer's resolved IP address and key, nil without one (unresolved peers
    ///     left out); an address of several peers gets the probe's own key.
    ///   - ownKey: the probe's own key, for every other source.
    package init(
        peers: [(ipAddress: String, key: SRTPKeyMaterial?)], ownKey: SRTPKeyMaterial?,
        replayWindowPackets: Int = SRTPSession.defaultReplayWindowPackets, rotateAfter: Duration = .seconds(600)
    ) {
        var unique: [String: SRTPKeyMaterial?] = [:]
        var shared = Set<String>()
        for peer in peers {
            let ip = ProbeAttribution.normalised(peer.ipAddress)
            if unique[ip] != nil || shared.contains(ip) {
                unique[ip] = nil
                shared.insert(ip)
            } else {
                unique[ip] = .some(peer.key)
            }
        }
        self.peers = unique.compactMap { ip, key -> (ipAddress: String, key: SRTPKeyMaterial)? in
            key.map { (ipAddress: ip, key: $0) }
        }
        self.ownKey = ownKey
        self.replayWindowPackets = replayWindowPackets
        self.rotateAfter = rotateAfter
        table = Mutex(Table(madeAt: ContinuousClock.now))
        table.withLock { $0 = make() }
    }

    /// The keys of `peers` (resolving each host, as ``ProbeAttribution/resolving(_:)`` does).
    package static func resolving(
        _ peers: [ProbePeer], ownKey: SRTPKeyMaterial?, replayWindowPackets: Int
    ) -> ProbeSRTPKeys {
        let keyed = peers.compactMap { peer -> (ipAddress: String, key: SRTPKeyMaterial?)? in
            guard let ip = (try? peer.address.resolve())?.ipAddress else { return nil }
            return (ip, peer.srtpKey)
        }
        return ProbeSRTPKeys(peers: keyed, ownKey: ownKey, replayWindowPackets: replayWindowPackets)
    }

    /// The session for datagrams from (and reports to) `source`; nil for clear RTP.
    package func session(for source: SocketAddress) -> SRTPSession? {
        let ip = source.ipAddress.map(ProbeAttribution.normalised)
        return table.withLock { table in
            if ContinuousClock.now - table.madeAt >= rotateAfter { table = make() }
            if let ip, let session = table.sessions[ip] { return session }
            return table.fallback
        }
    }

    private func make() -> Table {
        var made = Table(madeAt: ContinuousClock.now)
        for (ip, key) in peers {
            made.sessions[ip] = try? SRTPSession(role: .receiver, key: key, replayWindowPackets: replayWindowPackets)
        }
        made.fallback = ownKey.flatMap { try? SRTPSession(role: .receiver, key: $0, replayWindowPackets: replayWindowPackets) }
        return made
    }
}
