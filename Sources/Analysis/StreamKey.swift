import Capture
import JitterbugSupport

/// What identifies one RTP stream in a capture: the 5-tuple it travelled on and its SSRC.
public struct StreamKey: Hashable, Sendable {
    public var transport: CaptureTransport
    public var source: CaptureEndpoint
    public var destination: CaptureEndpoint
    public var ssrc: UInt32

    public init(transport: CaptureTransport, source: CaptureEndpoint, destination: CaptureEndpoint, ssrc: UInt32) {
        self.transport = transport
        self.source = source
        self.destination = destination
        self.ssrc = ssrc
    }

    /// `0x` and 8 hex digits, as Wireshark shows an SSRC.
    public var ssrcText: String { ssrc.hex }
}
