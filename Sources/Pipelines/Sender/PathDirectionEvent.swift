/// One direction of the UDP path went down or came back (see ``PathDirectionMonitor``).
package struct PathDirectionEvent: Sendable, Equatable {
    package enum Direction: String, Sendable {
        /// Sender → receiver (RTP).
        case toReceiver = "forward"
        /// Receiver → sender (its RTCP reports).
        case toSender = "return"
    }

    /// Since the start of the run.
    package var time: Duration
    package var direction: Direction
    /// Down (true) or back (false).
    package var down: Bool
    package var reason: String
}
