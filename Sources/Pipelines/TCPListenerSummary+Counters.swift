import Reports
import Transport

extension TCPListenerSummary {
    /// The report's view of the listener's counters.
    init(_ counters: TCPListenerCounters) {
        self.init()
        accepted = counters.accepted
        refusedOverLimit = counters.rejectedTooMany
        closedSilent = counters.closedSilent
        closedIdle = counters.closedIdle
        closedOversize = counters.closedOversize
        closedNotRTP = counters.closedGarbage
        frames = counters.framesIn
        zeroLengthFrames = counters.zeroLengthFrames
        inboundQueueDrops = counters.inboundQueueDrops
        open = counters.openConnections
    }
}
