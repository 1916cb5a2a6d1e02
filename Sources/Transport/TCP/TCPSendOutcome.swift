/// What ``TCPMediaClient/send(_:deadline:)`` did with a frame. Only the `enqueued` cases may
/// reach the wire; every other frame is counted and gone.
package enum TCPSendOutcome: Sendable, Hashable {
    /// Queued for writing (written at once if the socket has room).
    case enqueued
    /// Queued, but the send queue was full, so its oldest frame was dropped
    /// (``TCPClientCounters/queueOverflowDrops``).
    case enqueuedDroppingOldest
    /// The deadline had already passed: dropped (``TCPClientCounters/deadlineDrops``).
    case droppedPastDeadline
    /// The connection is closed: dropped (``TCPClientCounters/notConnectedDrops``). The caller's
    /// fallback policy decides what next.
    case notConnected
    /// Empty or longer than 65 535 bytes: not sendable in RFC 4571.
    case invalidFrameSize
}
