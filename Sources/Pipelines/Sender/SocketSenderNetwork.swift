import NIOCore
import RTP
import Transport

/// The real network: UDP sockets (RTP port and, without rtcp-mux, port + 1) and a
/// ``TCPReconnectingClient`` to the same port number.
package struct SocketSenderNetwork: SenderNetwork {
    package let bindAddress: SocketAddress
    package let destination: SocketAddress
    package let rtcpMux: Bool

    package init(bindAddress: SocketAddress, destination: SocketAddress, rtcpMux: Bool) {
        self.bindAddress = bindAddress
        self.destination = destination
        self.rtcpMux = rtcpMux
    }

    package var peerDescription: String { destination.endpointDescription }

    package func withDatagramLeg<Result: Sendable>(
        rtcp: @escaping @Sendable ([UInt8]) -> Void, _ body: (UDPDatagramLeg) async throws -> Result
    ) async throws -> Result {
        try await UDPTransport.withSocket(boundTo: bindAddress) { socket in
            let local = socket.localAddress ?? bindAddress
            let rtp = UDPSendSocket(first: socket, localAddress: local, destination: destination)
            // Reads the RTP socket (RTCP arrives there with rtcp-mux) and opens it again when a
            // refused send closes it.
            let keeper = Task { await rtp.keepOpen(first: socket, rtcp: rtcpMux ? rtcp : nil) }
            defer { keeper.cancel() }
            if rtcpMux {
                return try await body(
                    UDPDatagramLeg(rtp: rtp, rtcpSocket: nil, destination: destination, rtcpTarget: destination))
            }
            let rtcpAddress = try local.rtcpPort()
            return try await UDPTransport.withSocket(boundTo: rtcpAddress) { rtcpSocket in
                try await run(rtp: rtp, rtcpSocket: rtcpSocket, rtcp: rtcp, body)
            }
        }
    }

    private func run<Result: Sendable>(
        rtp: UDPSendSocket, rtcpSocket: UDPSocket, rtcp: @escaping @Sendable ([UInt8]) -> Void,
        _ body: (UDPDatagramLeg) async throws -> Result
    ) async throws -> Result {
        let destination = self.destination
        // Only datagrams from the receiver's host are read.
        let reader = Task {
            for try await datagram in rtcpSocket.inbound where datagram.remoteAddress.ipAddress == destination.ipAddress {
                let bytes = Array(datagram.data.readableBytesView)
                if bytes.count >= 2, RTCPCompound.isRTCP(bytes) { rtcp(bytes) }
            }
        }
        defer { reader.cancel() }
        return try await body(
            UDPDatagramLeg(rtp: rtp, rtcpSocket: rtcpSocket, destination: destination, rtcpTarget: try destination.rtcpPort()))
    }

    package func withFrameLeg<Result: Sendable>(
        standby: Bool, rtcp: @escaping @Sendable ([UInt8]) -> Void,
        onEvent: @escaping @Sendable (TCPConnectionEvent) -> Void, _ body: (TCPFrameLeg) async throws -> Result
    ) async throws -> Result {
        try await TCPReconnectingClient.withConnection(to: destination, standby: standby, onEvent: onEvent) { client in
            let reader = Task {
                for await frame in client.inbound where frame.count >= 2 && RTCPCompound.isRTCP(frame) { rtcp(frame) }
            }
            defer { reader.cancel() }
            return try await body(TCPFrameLeg(client: client))
        }
    }
}
