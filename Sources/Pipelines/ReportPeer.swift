import NIOCore

/// What the receiver knows about one stream's sender for its reports.
struct ReportPeer {
    /// Where the sender's RTCP came from (validated: the RTP port or port + 1).
    var rtcpAddress: SocketAddress?
    /// The TCP connection the sender's RTCP last came by, for reports while it uses TCP.
    var tcp: ReceivePath?
}
