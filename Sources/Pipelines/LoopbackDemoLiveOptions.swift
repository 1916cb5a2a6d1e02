import Impairment
import Reports

/// What `demo --web` adds to ``LoopbackDemo``'s stream: interval records and snapshots for the
/// live view, and an impairment of the stream itself so the charts have something to show.
package struct LoopbackDemoLiveOptions: Sendable {
    /// How often the receiver closes an interval.
    package var interval: Duration
    /// Sender-side impairment of the loopback stream; nil for none.
    package var impairment: ImpairmentSpec?
    /// Each interval record, then the figures so far (as `recv`'s `onInterval`/`onSummary`).
    package var onInterval: @Sendable (IntervalRecord) -> Void
    package var onSummary: @Sendable (ReceiverSummary) -> Void

    package init(
        interval: Duration, impairment: ImpairmentSpec?, onInterval: @escaping @Sendable (IntervalRecord) -> Void,
        onSummary: @escaping @Sendable (ReceiverSummary) -> Void
    ) {
        self.interval = interval
        self.impairment = impairment
        self.onInterval = onInterval
        self.onSummary = onSummary
    }
}
