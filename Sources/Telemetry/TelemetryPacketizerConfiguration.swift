/// Sender-side policy for ``TelemetryPacketizer``.
public struct TelemetryPacketizerConfiguration: Sendable, Hashable {
    /// Dynamic RTP payload type (96...127 by convention); carried for the caller's RTP header.
    public var payloadType: UInt8
    /// RTP timestamp clock in Hz: the RTP timestamp advances by `clockRateHz` per second of
    /// capture time. Default 90 000 (11 µs resolution, wraps after about 13 hours); 1 ... 10^9.
    public var clockRateHz: Int
    /// Announce the schema inline at least every this many frames (1 = every frame);
    /// `nil` disables the frame-count rule.
    public var schemaRepeatFrames: Int?
    /// Announce the schema inline when this much sender time passed since the last
    /// announcement; `nil` disables the time rule.
    public var schemaRepeatInterval: Duration?
    /// Every frame carries the schema inline for this long from the first frame, so frames
    /// that overtake the first one on a reordering link, or that a receiver drops while it
    /// validates the stream (RFC 3550 A.1 probation), do not leave it without a schema until the
    /// next repeat; `nil` announces only in the first frame. Costs the schema block per frame
    /// for that long.
    public var startupAnnouncementInterval: Duration?

    public init(
        payloadType: UInt8 = TelemetryPayloadCodec.defaultPayloadType,
        clockRateHz: Int = 90_000,
        schemaRepeatFrames: Int? = 50,
        schemaRepeatInterval: Duration? = .seconds(1),
        startupAnnouncementInterval: Duration? = .seconds(1)
    ) {
        self.payloadType = payloadType & 0x7F
        self.clockRateHz = min(max(1, clockRateHz), 1_000_000_000)
        self.schemaRepeatFrames = schemaRepeatFrames.map { max(1, $0) }
        self.schemaRepeatInterval = schemaRepeatInterval
        self.startupAnnouncementInterval = startupAnnouncementInterval
    }
}
