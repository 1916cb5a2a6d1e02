import NIOCore
import Reports
import Telemetry

/// What ``ReceiverPipeline`` receives and where its outputs go. Paths take `-` for standard
/// output; `audioOutput` and `telemetryOutput` take `DIR/` for one file per stream, named by SSRC.
package struct ReceiverPipelineConfiguration: Sendable {
    /// UDP address to listen on (and TCP, with ``tcp``); port 0 picks one.
    package var listen: SocketAddress
    /// The receiver core: payload type, output format, jitter buffer, streams, SRTP, filters.
    package var receiver: AudioReceiverConfiguration
    /// When to stop (duration, idle time); otherwise until cancelled or the sender's BYE.
    package var stop: ReceiverStopCondition
    /// RTP and RTCP share the listen port (RFC 5761) instead of RTCP on port + 1.
    package var rtcpMux = false
    /// Also accept RTP over TCP (RFC 4571) on the same port; UDP only if that port cannot be bound.
    package var tcp = true
    /// Ask the kernel for UDP receive offload (GRO) where supported. Off by default: measured on
    /// loopback it made paced multi-stream loss worse, and the kernel then counts a dropped
    /// aggregate as one drop, so read + `socket_drops` no longer adds up to what was sent.
    package var receiveOffload = false
    /// Receiver shards (``ReceiverRunOptions/shards``).
    package var shards = 1
    /// How often an interval line (and record) is made; nil for none.
    package var interval: Duration?
    /// Decoded audio as WAV: a file, `-`, or `DIR/`; nil for none.
    package var audioOutput: String?
    /// Received telemetry records: a file, `-`, or `DIR/`; nil for none.
    package var telemetryOutput: String?
    /// Format of ``telemetryOutput``.
    package var telemetryFormat: TelemetryOutputFormat = .jsonl
    /// Every packet's sequence number, timestamp, arrival and send time as CSV; nil for none.
    package var packetTrace: String?
    /// Every datagram and TCP frame read, as a pcap file (``ReceiverCapture``); nil for none.
    package var captureOutput: String?
    /// One JSON object per interval; nil for none.
    package var intervalJSONL: String?
    /// One CSV row per interval; nil for none.
    package var intervalCSV: String?
    /// Called with each interval record as it closes, before that interval's `onSummary`
    /// (e.g. for the live web view's events).
    package var onInterval: (@Sendable (IntervalRecord) -> Void)?
    /// Called with the figures so far at every interval (e.g. to update Prometheus metrics).
    package var onSummary: (@Sendable (ReceiverSummary) -> Void)?

    package init(listen: SocketAddress, receiver: AudioReceiverConfiguration, stop: ReceiverStopCondition) {
        self.listen = listen
        self.receiver = receiver
        self.stop = stop
    }
}
