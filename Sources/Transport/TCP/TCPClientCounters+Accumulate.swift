extension TCPClientCounters {
    /// Totals over two connections in turn (`self` the earlier, `later` the current one):
    /// counts add up, the queue high water is the larger, queued frames are `later`'s.
    func accumulating(_ later: TCPClientCounters) -> TCPClientCounters {
        var total = self
        total.framesSent += later.framesSent
        total.bytesSent += later.bytesSent
        total.deadlineDrops += later.deadlineDrops
        total.queueOverflowDrops += later.queueOverflowDrops
        total.notConnectedDrops += later.notConnectedDrops
        total.queueHighWater = max(queueHighWater, later.queueHighWater)
        total.queuedFrames = later.queuedFrames
        total.framesReceived += later.framesReceived
        total.zeroLengthFramesReceived += later.zeroLengthFramesReceived
        total.inboundQueueDrops += later.inboundQueueDrops
        return total
    }
}
