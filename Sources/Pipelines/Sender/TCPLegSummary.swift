import Transport

/// How a `tcp` run's connection(s) fared.
package struct TCPLegSummary: Sendable, Equatable {
    /// Totals over every connection; frames refused while none was up are `notConnectedDrops`.
    package var counters: TCPClientCounters
    package var connections: Int
    /// Frames not written within this long after they were sent were dropped.
    package var deadline: Duration
}
