/// UDP as a sender sees it: RTP to the receiver's port, RTCP to its port + 1 (or the same port
/// with rtcp-mux).
package protocol SenderDatagramLeg: Sendable {
    /// Sends one RTP packet (already protected and impaired). Throws ``UDPSendFailure`` when
    /// the datagram did not leave (refused by the kernel, or its socket is being opened again).
    func send(_ bytes: [UInt8]) async throws
    /// Sends one RTCP compound; failures are not fatal (RTCP is best effort).
    func sendRTCP(_ bytes: [UInt8]) async
    /// Sockets a refused send closed (each was one datagram the kernel refused).
    var socketsClosedBySendErrors: Int { get }
}

extension SenderDatagramLeg {
    package var socketsClosedBySendErrors: Int { 0 }
}
