import Reports
import Synchronization
import Transport

/// Lets every summary the receiver makes (interval ones for `--metrics`, the final one) carry
/// the TCP listener's counters, although the listener is bound after the options are built.
final class TCPListenerTap: Sendable {
    private let listener = Mutex<TCPMediaListener?>(nil)

    func attach(_ listener: TCPMediaListener) { self.listener.withLock { $0 = listener } }

    /// `summary` with the listener's counters now (unchanged when there is no listener).
    func adding(to summary: ReceiverSummary) -> ReceiverSummary {
        guard let counters = listener.withLock({ $0?.counters }) else { return summary }
        var summary = summary
        summary.tcpListener = TCPListenerSummary(counters)
        return summary
    }

    /// `report`, called with each summary after ``adding(to:)``.
    func reporting(to report: (@Sendable (ReceiverSummary) -> Void)?) -> (@Sendable (ReceiverSummary) -> Void)? {
        guard let report else { return nil }
        return { [self] summary in report(adding(to: summary)) }
    }
}
