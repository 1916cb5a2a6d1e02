/// How an `auto` run used its two paths.
package struct AutoPathSummary: Sendable, Equatable {
    /// Packets sent by UDP (every packet while on TCP too: UDP is probed) and by TCP.
    package var sentByUDP: Int
    package var sentByTCP: Int
    /// Of `sentByUDP`, datagrams that did not leave this host: refused by the kernel (a local
    /// firewall) or offered while the socket a refusal closed was opened again.
    package var udpSendFailures: Int = 0
    /// Datagrams the kernel refused (each closed the socket, which was opened again); a
    /// firewall rule that drops them counts the same number.
    package var udpRefusedByKernel: Int = 0
    package var switches: [FallbackPolicy.Event]
    /// TCP connections made (1 until the first reconnection).
    package var tcpConnections: Int
    package var endedOn: FallbackPolicy.Mode
}
