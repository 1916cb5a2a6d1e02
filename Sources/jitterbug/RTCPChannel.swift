import NIOCore
import RTP
import SRTP
import Pipelines
import Transport

/// Where the sender's RTCP goes and comes from: a UDP socket (port + 1, or the RTP port with
/// rtcp-mux), or the RTP-over-TCP connection itself (RFC 4571 carries RTCP too).
struct RTCPChannel: Sendable {
    /// Sends one RTCP compound; failures are not fatal (RTCP is best effort).
    let send: @Sendable ([UInt8]) async -> Void
    /// Reads until cancelled, handing each RTCP compound from the receiver to `handle`.
    let read: @Sendable (@escaping @Sendable ([UInt8]) -> Void) async throws -> Void
    /// Called once before the last report (with BYE) goes out: the session is ending, so a
    /// connection the receiver closes from now on is not to be made again.
    var willSayGoodbye: @Sendable () -> Void = {}

    /// RTCP over UDP: to the receiver's port + 1 (or its RTP port with rtcp-mux), and only
    /// datagrams from the receiver's host are read.
    static func udp(_ socket: UDPSocket, destination: SocketAddress, rtcpMux: Bool) -> RTCPChannel {
        var to = destination
        if !rtcpMux { to.port = (destination.port ?? 0) + 1 }
        let target = to
        return RTCPChannel(
            send: { bytes in try? await socket.send(bytes, to: target) },
            read: { handle in
                for try await datagram in socket.inbound where datagram.remoteAddress.ipAddress == destination.ipAddress {
                    let bytes = Array(datagram.data.readableBytesView)
                    if bytes.count >= 2, RTCPCompound.isRTCP(bytes) { handle(bytes) }
                }
            })
    }

    /// RTCP over whichever TCP connection is up (dropped while none is); once the BYE is due,
    /// the connection is no longer made again.
    static func tcp(_ client: TCPReconnectingClient, clock: ContinuousClock) -> RTCPChannel {
        RTCPChannel(
            send: { bytes in _ = client.send(bytes, deadline: clock.now.advanced(by: .seconds(1))) },
            read: { handle in
                for await frame in client.inbound where frame.count >= 2 && RTCPCompound.isRTCP(frame) {
                    handle(frame)
                }
            },
            willSayGoodbye: { client.stopReconnecting() })
    }

    /// The same channel with SRTCP: protects what goes out, drops what does not authenticate.
    func protected(by session: SRTPSession) -> RTCPChannel {
        let plain = self
        return RTCPChannel(
            send: { bytes in
                if let protected = try? session.protectRTCP(bytes) { await plain.send(protected) }
            },
            read: { handle in
                try await plain.read { bytes in
                    if let clear = try? session.unprotectRTCP(bytes) { handle(clear) }
                }
            },
            willSayGoodbye: plain.willSayGoodbye)
    }
}
