
import Opus

/// Everything the audio sender needs besides its source and transport.
public struct AudioSenderConfiguration: Sendable {
    /// Opus encoder settings; the source must deliver this sample rate and channel count.
    public var encoder: OpusEncoderConfiguration
    /// RTP payload type, 96...127 for dynamic types (RFC 3551); Opus is dynamic (RFC 7587).
    public var payloadType: UInt8
    /// Stop after this much media; `nil` runs until the source ends.
    public var duration: Duration?
    /// RFC 8285 one-byte extension id carrying the RFC 6051 64-bit NTP send time; `nil` sends none.
    public var sendTimeExtensionID: UInt8?

    public init(
        encoder: OpusEncoderConfiguration,
        payloadType: UInt8 = 111,
        duration: Duration? = nil,
        sendTimeExtensionID: UInt8? = 1
    ) {
        self.encoder = encoder
        self.payloadType = payloadType
        self.duration = duration
        self.sendTimeExtensionID = sendTimeExtensionID
    }

    /// RTP clock for Opus: always 48 kHz whatever the input rate (RFC 7587 §4.1).
    public static let opusClockRate = 48_000
}
