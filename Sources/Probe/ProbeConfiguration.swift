import NIOCore
import Opus
import Pipelines
import SRTP
import Transport

/// Everything a probe runs with besides its peer list.
package struct ProbeConfiguration: Sendable {
    /// This probe's name (logs and events).
    package var name: String
    /// Where the responder listens: RTP (and RTP over TCP), RTCP on port + 1.
    package var listen: SocketAddress
    /// Sources the responder accepts; empty for any.
    package var allowFrom: [AddressRange] = []
    /// The schedule's period: every peer is tested once per period.
    package var every: Duration = .seconds(60)
    /// How long each test streams, ≤ `every`.
    package var testDuration: Duration = .seconds(10)
    /// The test stream's encoder (the codec options of `send`).
    package var encoder: OpusEncoderConfiguration
    /// What the tests carry: a tone through `encoder` (default 1 kHz) or telemetry.
    package var payload = ProbePayload.defaultTone
    /// `udp`, or `auto` (a TCP standby that carries the test when UDP fails).
    package var transport: SenderTransport = .udp
    /// The probe's own SRTP key (`--srtp`/`--key-file`): for peers without their own, both
    /// ways. Nil: those peers' tests are clear RTP.
    package var srtpKey: SRTPKeyMaterial?
    /// SRTP replay window of every session, in packets.
    package var replayWindowPackets = SRTPSession.defaultReplayWindowPackets
    /// Most inbound test streams received at once.
    package var maxInboundStreams = 1_000

    package init(name: String, listen: SocketAddress, encoder: OpusEncoderConfiguration) {
        self.name = name
        self.listen = listen
        self.encoder = encoder
    }
}
