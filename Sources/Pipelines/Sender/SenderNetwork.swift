import Transport

/// The network a ``SenderRunner`` talks to: a UDP datagram leg and a TCP (RFC 4571) frame leg,
/// each opened for the length of a body. Real runs use ``SocketSenderNetwork``; tests use fakes.
package protocol SenderNetwork: Sendable {
    associatedtype Datagrams: SenderDatagramLeg
    associatedtype Frames: SenderFrameLeg

    /// The receiver, for messages.
    var peerDescription: String { get }

    /// Opens the datagram leg; each RTCP compound from the receiver goes to `rtcp` (as it
    /// arrives, from any task) until `body` returns.
    func withDatagramLeg<Result: Sendable>(
        rtcp: @escaping @Sendable ([UInt8]) -> Void, _ body: (Datagrams) async throws -> Result
    ) async throws -> Result

    /// Connects the frame leg (the first connection's error is thrown, unless `standby`: then
    /// it is reported once as ``TCPConnectionEvent/unavailable(reason:retryIn:)``, `body` runs
    /// without a connection and attempts go on quietly); a connection that drops is made again,
    /// reported through `onEvent`. Each RTCP frame from the receiver goes to `rtcp`.
    func withFrameLeg<Result: Sendable>(
        standby: Bool, rtcp: @escaping @Sendable ([UInt8]) -> Void,
        onEvent: @escaping @Sendable (TCPConnectionEvent) -> Void, _ body: (Frames) async throws -> Result
    ) async throws -> Result
}
