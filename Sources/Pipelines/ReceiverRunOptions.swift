
import Reports

/// How the receiver runner reports while it runs.
public struct ReceiverRunOptions: Sendable {
    /// RTP and RTCP share the RTP socket (RFC 5761) instead of RTCP on port + 1.
    public var rtcpMux: Bool
    /// Close an interval (and call `onInterval`) this often; `nil` for none.
    public var interval: Duration?
    public var onInterval: (@Sendable (IntervalRecord) -> Void)?
    /// Called with the figures so far at every interval (e.g. to update Prometheus metrics).
    public var onSummary: (@Sendable (ReceiverSummary) -> Void)?
    /// After the sender's BYE, keep playing out this long, then stop.
    public var drainAfterGoodbye: Duration
    /// Every datagram and TCP frame read also goes here (`recv --capture`); `nil` for none.
    package var capture: ReceiverCapture?
    /// Receiver shards (1...``maxShards``): each owns the streams that hash to it (source host,
    /// SSRC) with their own core, lock and playout task, so decode and playout use more cores.
    /// One shard is the receiver as it was before sharding. `--latch` and the packet trace use one.
    public var shards: Int = 1

    /// Most shards a receiver runs (`recv --shards`).
    public static let maxShards = 64

    public init(
        rtcpMux: Bool = false, interval: Duration? = nil, onInterval: (@Sendable (IntervalRecord) -> Void)? = nil,
        onSummary: (@Sendable (ReceiverSummary) -> Void)? = nil, drainAfterGoodbye: Duration = .milliseconds(300)
    ) {
        self.onSummary = onSummary
        self.rtcpMux = rtcpMux
        self.interval = interval
        self.onInterval = onInterval
        self.drainAfterGoodbye = drainAfterGoodbye
    }
}
