import Pipelines

/// How `send` carries RTP: UDP datagrams; a TCP connection with RFC 4571 framing whose frames
/// are dropped when not written within `deadline`; or `auto`, UDP with fallback to TCP.
enum TransportChoice: Sendable {
    case udp
    case tcp(deadline: Duration)
    case auto(deadline: Duration, policy: FallbackPolicy.Configuration)

    var isTCP: Bool { if case .tcp = self { true } else { false } }

    var deadline: Duration {
        switch self {
        case .udp: .zero
        case .tcp(let deadline), .auto(let deadline, _): deadline
        }
    }
}
