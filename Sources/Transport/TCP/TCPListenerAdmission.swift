import NIOCore

/// What the listener's child-channel initializer hands to the accept loop.
enum TCPListenerAdmission: Sendable {
    /// Admitted under the limits: serve it.
    case accepted(id: Int, remote: SocketAddress, channel: AdmittedChannel<ByteBuffer, ByteBuffer>)
    /// Over the limit (already counted); it closes itself on the event loop.
    case rejected
}
