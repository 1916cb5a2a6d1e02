import Transport

/// RTP and RTCP over a TCP connection that is made again when it drops (RFC 4571 framing).
package protocol SenderFrameLeg: Sendable {
    /// Queues one frame; it is dropped (and counted) when not written within `deadline` from now.
    /// `nil` when no connection is up.
    func send(_ frame: [UInt8], within deadline: Duration) -> TCPSendOutcome?
    /// Whether a connection is up now.
    var isConnected: Bool { get }
    /// Connections made so far.
    var connections: Int { get }
    /// Totals over every connection.
    var counters: TCPClientCounters { get }
    /// The session is ending (BYE): a connection that closes from now on is not made again.
    func stopReconnecting()
}
