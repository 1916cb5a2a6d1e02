import Lab
#if os(Linux)
import Impairment
import WebView

extension ImpairmentLab {
    /// The link's counts as the web view's relay rows: each direction, then its UDP and TCP.
    var relayCounts: [RelayCount] {
        var rows: [RelayCount] = []
        for (direction, name) in [(ImpairmentDirection.up, "up (sender → receiver)"), (.down, "down (receiver → sender)")] {
            let c = counters(direction)
            rows.append(RelayCount(
                path: name, packetsIn: Int64(c.packetsRead), packetsOut: Int64(c.copiesWritten),
                dropped: Int64(c.packetsDropped)))
            for (proto, tally) in [("udp", c.udp), ("tcp", c.tcp)] where tally.packets > 0 {
                rows.append(RelayCount(
                    path: "\(name) \(proto)", packetsIn: Int64(tally.packets),
                    packetsOut: Int64(tally.packets - tally.dropped + tally.duplicated), dropped: Int64(tally.dropped),
                    duplicated: Int64(tally.duplicated), corrupted: Int64(tally.corrupted)))
            }
        }
        return rows
    }
}
#endif
