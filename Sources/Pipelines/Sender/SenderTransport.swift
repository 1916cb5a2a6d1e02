/// How a sender carries RTP: UDP datagrams; one TCP connection with RFC 4571 framing whose
/// frames are dropped when not written within `deadline`; or `auto`, UDP with fallback to TCP
/// (and back) by ``FallbackPolicy``.
package enum SenderTransport: Sendable, Equatable {
    case udp
    case tcp(deadline: Duration)
    case auto(deadline: Duration, policy: FallbackPolicy.Configuration)
}
