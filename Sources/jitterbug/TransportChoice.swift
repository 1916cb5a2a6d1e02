/// How `send` carries RTP: UDP datagrams, or a TCP connection with RFC 4571 framing whose
/// frames are dropped when not written within `deadline`.
enum TransportChoice: Equatable, Sendable {
    case udp
    case tcp(deadline: Duration)

    static let tcp = TransportChoice.tcp(deadline: .milliseconds(200))

    static func == (lhs: TransportChoice, rhs: TransportChoice) -> Bool {
        switch (lhs, rhs) {
        case (.udp, .udp), (.tcp, .tcp): true
        default: false
        }
    }

    var deadline: Duration {
        if case .tcp(let deadline) = self { deadline } else { .zero }
    }
}
