/// Which transport a datagram or frame came by.
public enum ReceivePath: Sendable, Hashable {
    case udp
    /// RTP/RTCP over TCP (RFC 4571) on the listener's connection `connectionID`.
    case tcp(connectionID: Int)

    var isTCP: Bool { if case .tcp = self { true } else { false } }
}
