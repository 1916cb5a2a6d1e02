import Opus
import Reports
import Telemetry
import JitterBuffer
import SRTP
import NIOCore
import Transport

/// How the audio receiver accepts, buffers and decodes streams.
public struct AudioReceiverConfiguration: Sendable {
    /// RTP payload type to accept; `nil` accepts any dynamic type (96...127).
    public var payloadType: UInt8?
    /// Output sample rate in Hz (an Opus rate: 8000, 12000, 16000, 24000, 48000).
    public var outputSampleRate: Int
    /// Output channels (1 or 2); `nil` follows the first packet's stereo flag.
    public var outputChannels: Int?
    /// Jitter buffer tuning; `frameDuration` is replaced by the stream's own packet duration.
    public var jitterBuffer: JitterBufferConfiguration
    /// A stream with no packet for this long ends (its summary is kept).
    public var streamIdleTimeout: Duration = .seconds(10)
    /// After a stream's BYE, keep playing out this long, then end it.
    public var drainAfterGoodbye: Duration = .milliseconds(300)
    /// Streams (source address + SSRC) tracked at once; packets of further streams are counted and dropped.
    public var maxStreams: Int
    /// Datagrams larger than this (bytes) are rejected as oversize.
    public var maxPacketBytes: Int
    /// RFC 8285 id of the RFC 6051 NTP send-time element to read one-way delay from; `nil` ignores it.
    public var sendTimeExtensionID: UInt8?
    /// SRTP/SRTCP (RFC 3711): every packet is authenticated and decrypted first; packets that
    /// fail are counted (`srtp_auth_fail`, `srtp_replay_fail`, …) and no stream state is created
    /// for them. Receiver reports are protected with the same session.
    public var srtp: SRTPSession?
    /// SRTP per source (`probe`: each peer's own key): when set, its answer for a datagram's
    /// source replaces `srtp` (nil: that source sends in the clear), for the datagrams from the
    /// source and the receiver reports to it. A stream under another key fails authentication
    /// and is counted (`srtp_auth_fail`).
    package var srtpForSource: (@Sendable (SocketAddress) -> SRTPSession?)?
    /// Latch to the first stream that passes RFC 3550 A.1 probation (with SRTP: the first that
    /// authenticates): RTP from any other address is counted (`not_latched`) and dropped. Re-latch
    /// rule (NAT rebinding): when the latched address has sent nothing for `relatchAfter`, a new
    /// address of the same host family sending the same SSRC takes over.
    public var latch = false
    public var relatchAfter: Duration = .seconds(2)
    /// When not empty, datagrams from sources outside these ranges are counted (`not_allowed`)
    /// and dropped before anything else looks at them (`--allow-from`).
    package var allowFrom: [AddressRange] = []
    /// Payload types with a fixed media kind (`recv --payload-type 100=opus`). A stream whose
    /// type is not here is telemetry when its first packet is a telemetry frame, else Opus.
    public var mediaKinds: [UInt8: MediaKind] = [:]
    /// Receives telemetry records (samples and gaps) in sequence order.
    public var telemetryOutput: (@Sendable (StreamKey, TelemetryRecord) -> Void)?
    /// Telemetry packets that miss their deadline are delivered flagged late (`true`) or dropped.
    public var telemetryDeliverLate = true
    /// Decode audio (Opus) and write it. `false` measures only: frames are still played out on
    /// schedule by the jitter buffer and counted, but no decoder exists and no samples are made
    /// (a network probe, or a receiver serving many streams for their statistics).
    public var decodeAudio = true
    /// Most summaries of ended streams kept for the summary's stream list (the oldest go first).
    /// Each summary costs memory and copying on every summary built; a probe that reports ended
    /// streams as it goes keeps few.
    public var endedSummariesKept = AudioReceiverCore.endedSummaryLimit
    /// Ended-stream summaries are also dropped this long after their stream ended; `nil` keeps
    /// them until `endedSummariesKept` pushes them out. A long-running receiver that reports
    /// ended streams as it goes (the probe's responder) sets it, so the list follows how many
    /// streams end per unit of time, not how many have ended since it started.
    public var endedSummariesMaxAge: Duration?
    /// Called with every packet of the decoded stream as it arrives (`recv --trace`).
    public var packetTrace: (@Sendable (PacketTraceRecord) -> Void)?

    public init(
        payloadType: UInt8? = nil,
        outputSampleRate: Int = 48_000,
        outputChannels: Int? = nil,
        jitterBuffer: JitterBufferConfiguration = JitterBufferConfiguration(),
        maxStreams: Int = 16,
        maxPacketBytes: Int = 1500,
        sendTimeExtensionID: UInt8? = 1
    ) {
        self.payloadType = payloadType
        self.outputSampleRate = outputSampleRate
        self.outputChannels = outputChannels
        self.jitterBuffer = jitterBuffer
        self.maxStreams = maxStreams
        self.maxPacketBytes = maxPacketBytes
        self.sendTimeExtensionID = sendTimeExtensionID
    }
}
