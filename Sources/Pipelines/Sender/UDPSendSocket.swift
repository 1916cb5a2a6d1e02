import NIOCore
import RTP
import Synchronization
import Transport

/// The sender's RTP socket, kept open: a send the kernel refuses (a local firewall's EPERM)
/// makes NIO close the socket, so ``keepOpen(first:rtcp:)`` opens another on the same local
/// address (the receiver keeps seeing the same source, so the same stream) after
/// ``reopenDelay``, for as long as the leg is open.
final class UDPSendSocket: Sendable {
    private struct State {
        var current: UDPSocket?
        /// Sockets a send error closed.
        var closedByErrors = 0
    }

    /// Wait before opening the socket again (a refusal usually lasts; no busy loop).
    static var reopenDelay: Duration { .milliseconds(50) }

    let localAddress: SocketAddress
    let destination: SocketAddress
    private let state: Mutex<State>

    init(first: UDPSocket, localAddress: SocketAddress, destination: SocketAddress) {
        self.localAddress = localAddress
        self.destination = destination
        state = Mutex(State(current: first))
    }

    /// Sends one datagram; throws ``UDPSendFailure`` when the kernel refuses it or no socket is
    /// open (between a refusal and the next socket).
    func send(_ bytes: [UInt8], to remote: SocketAddress) async throws {
        guard let socket = state.withLock({ $0.current }) else {
            throw UDPSendFailure(reason: "the UDP socket is being opened again after a refused send", refusedByKernel: false)
        }
        do {
            try await socket.sendConfirmed(bytes, to: remote)
        } catch {
            throw UDPSendFailure(error)
        }
    }

    /// Sockets closed by a send error so far.
    var closedByErrors: Int { state.withLock { $0.closedByErrors } }

    /// Reads each socket in turn until it closes (forwarding RTCP from the receiver's host to
    /// `rtcp` when RTCP shares the port), then opens the next; returns when cancelled.
    func keepOpen(first: UDPSocket, rtcp: (@Sendable ([UInt8]) -> Void)?) async {
        await read(first, rtcp: rtcp)
        while !Task.isCancelled {
            state.withLock { state in
                state.current = nil
                state.closedByErrors += 1
            }
            guard (try? await Task.sleep(for: Self.reopenDelay)) != nil else { return }
            do {
                try await UDPTransport.withSocket(boundTo: localAddress) { socket in
                    state.withLock { $0.current = socket }
                    await read(socket, rtcp: rtcp)
                }
            } catch {
                // The port was taken meanwhile or the family went away: try again after the delay.
            }
        }
    }

    private func read(_ socket: UDPSocket, rtcp: (@Sendable ([UInt8]) -> Void)?) async {
        let destination = self.destination
        do {
            for try await datagram in socket.inbound where datagram.remoteAddress.ipAddress == destination.ipAddress {
                let bytes = Array(datagram.data.readableBytesView)
                if let rtcp, bytes.count >= 2, RTCPCompound.isRTCP(bytes) { rtcp(bytes) }
            }
        } catch {
            // Closed by a send error (the error is the send's to report).
        }
    }
}
