/// Which way a test's packets went, seen from this probe.
package enum ProbeDirection: String, Sendable, Hashable, CaseIterable {
    /// This probe → the peer, as the peer measured it (learned from its RTCP receiver reports).
    case outbound
    /// The peer → this probe, measured here.
    case inbound
}
