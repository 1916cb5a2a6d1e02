/// How an `auto` run used its two paths.
package struct AutoPathSummary: Sendable, Equatable {
    /// Packets sent by UDP (every packet while on TCP too: UDP is probed) and by TCP.
    package var sentByUDP: Int
    package var sentByTCP: Int
    package var switches: [FallbackPolicy.Event]
    /// TCP connections made (1 until the first reconnection).
    package var tcpConnections: Int
    package var endedOn: FallbackPolicy.Mode
}
