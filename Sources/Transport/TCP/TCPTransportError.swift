/// Misuse of the TCP media API (as opposed to a peer's bad input, which is counted, not thrown).
package enum TCPTransportError: Error, Sendable, Hashable {
    /// No open connection has this ID (never existed, or already closed).
    case unknownConnection(Int)
    /// A frame must carry 1...65 535 bytes; this one carried the associated count.
    case invalidFrameSize(Int)
}
