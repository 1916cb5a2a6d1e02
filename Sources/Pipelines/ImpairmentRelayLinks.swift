import Synchronization

/// The links of a running ``ImpairmentRelay``, so a caller can read their counters while it
/// relays (`impair --web`): each path's `up` and `down` link, by label (`rtp up`, `rtcp down`).
public final class ImpairmentRelayLinks: Sendable {
    private let links = Mutex<[(String, ImpairedLink)]>([])

    public init() {}

    func register(_ label: String, _ link: ImpairedLink) {
        links.withLock { $0.append((label, link)) }
    }

    /// Every link's counters so far, in the order the links started.
    public var counters: [(label: String, counters: ImpairedLink.Counters)] {
        links.withLock { $0.map { ($0.0, $0.1.counters) } }
    }
}
