import Pipelines
import WebView

extension ImpairmentRelayLinks {
    /// The links' counters as the web view's relay rows.
    var relayCounts: [RelayCount] {
        counters.map {
            RelayCount(
                path: $0.label, packetsIn: Int64($0.counters.submitted), packetsOut: Int64($0.counters.delivered),
                dropped: Int64($0.counters.dropped), duplicated: Int64($0.counters.duplicated),
                corrupted: Int64($0.counters.corrupted))
        }
    }
}
