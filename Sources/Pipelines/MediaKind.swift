import Telemetry

/// What a received stream carries, which decides its RTP clock (Opus 48 kHz, RFC 7587;
/// telemetry 90 kHz) and its playout path.
public enum MediaKind: String, Sendable, CaseIterable {
    case opus
    case telemetry

    /// RTP clock rate in Hz.
    var clockRateHertz: Int { self == .telemetry ? 90_000 : 48_000 }

    /// The kind of a new stream from its first packet: an explicit mapping for its payload type
    /// (`recv --payload-type 100=opus`) if there is one, else the payload's own bytes (a
    /// telemetry frame header, see ``TelemetryPayloadCodec/isTelemetryFrame(_:)-(UnsafeRawBufferPointer)``,
    /// otherwise Opus). Never the payload type number alone: dynamic types (96-127) mean
    /// whatever the session agreed on.
    static func of(
        payloadType: UInt8, payload: UnsafeRawBufferPointer, mapping: [UInt8: MediaKind]
    ) -> MediaKind {
        if let mapped = mapping[payloadType] { return mapped }
        return TelemetryPayloadCodec.isTelemetryFrame(payload) ? .telemetry : .opus
    }
}
