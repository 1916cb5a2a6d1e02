import RTCP

/// What a ``SenderRunner`` reports while it runs; times are since the start of the run.
package enum SenderEvent: Sendable, Equatable {
    /// The TCP connection closed after `upFor`; the next attempt follows after `retryIn`.
    case tcpClosed(at: Duration, upFor: Duration, retryIn: Duration)
    /// TCP connection `connection` (2 or more) is up again. The first connection is not news.
    case tcpConnectedAgain(at: Duration, connection: Int)
    /// A reconnection attempt failed; the next follows after `retryIn`.
    case tcpReconnectFailed(at: Duration, reason: String, retryIn: Duration)
    /// `auto` moved to another path.
    case switched(FallbackPolicy.Event)
    /// `auto` found no TCP listener at `peer`: the run goes on UDP alone while TCP is tried
    /// again quietly (backing off to every 4 s).
    case udpOnly(peer: String, reason: String)
    /// With `udp`: the first datagram this host refused (a local firewall); the run goes on and
    /// the summary counts them all.
    case udpSendRefused(at: Duration, reason: String)
    /// With `auto`: one direction of the UDP path went down or came back.
    case pathDirection(PathDirectionEvent)
    /// `auto`'s TCP standby, unavailable at the start, connected after all.
    case tcpStandbyConnected(at: Duration)
    /// Every report interval: what the receiver's latest report says.
    case receiverReport(at: Duration, status: SenderRTCPSession.Status)
    /// One RTP packet handed to the transport (only with ``SenderPipelineConfiguration/trace``).
    case packetSent(SenderTraceRecord)
    /// End of an `auto` run (before the result is returned).
    case autoFinished(AutoPathSummary)
    /// End of a `tcp` run (before the result is returned).
    case tcpFinished(TCPLegSummary)
}
