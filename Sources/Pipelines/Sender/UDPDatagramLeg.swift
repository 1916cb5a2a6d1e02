import NIOCore
import Transport

/// ``SenderDatagramLeg`` on UDP sockets.
package struct UDPDatagramLeg: SenderDatagramLeg {
    let socket: UDPSocket
    let rtcpSocket: UDPSocket
    let destination: SocketAddress
    let rtcpTarget: SocketAddress

    package func send(_ bytes: [UInt8]) async throws { try await socket.send(bytes, to: destination) }

    package func sendRTCP(_ bytes: [UInt8]) async { try? await rtcpSocket.send(bytes, to: rtcpTarget) }
}
