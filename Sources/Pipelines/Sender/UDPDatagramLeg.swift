import NIOCore
import Transport

/// ``SenderDatagramLeg`` on UDP sockets. RTP goes through ``UDPSendSocket``, which reports a
/// refused datagram as ``UDPSendFailure`` and opens the socket again.
package struct UDPDatagramLeg: SenderDatagramLeg {
    let rtp: UDPSendSocket
    /// Port + 1; nil with rtcp-mux (RTCP then goes by the RTP socket).
    let rtcpSocket: UDPSocket?
    let destination: SocketAddress
    let rtcpTarget: SocketAddress

    package func send(_ bytes: [UInt8]) async throws { try await rtp.send(bytes, to: destination) }

    package func sendRTCP(_ bytes: [UInt8]) async {
        if let rtcpSocket {
            try? await rtcpSocket.send(bytes, to: rtcpTarget)
        } else {
            try? await rtp.send(bytes, to: rtcpTarget)
        }
    }

    package var socketsClosedBySendErrors: Int { rtp.closedByErrors }
}
