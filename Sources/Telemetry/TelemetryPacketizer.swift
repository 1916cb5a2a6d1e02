/// Builds telemetry payloads for one stream and decides when to repeat the schema inline.
///
/// The frames of the first ``TelemetryPacketizerConfiguration/startupAnnouncementInterval``
/// (1 s by default) always carry the schema; afterwards it is repeated when
/// ``TelemetryPacketizerConfiguration/schemaRepeatFrames`` frames or
/// ``TelemetryPacketizerConfiguration/schemaRepeatInterval`` of sender time have passed, so a
/// receiver that joins late (or lost the announcement) can decode within that bound.
/// Pure: the caller passes `now` as a `Duration` since an arbitrary monotonic origin.
public struct TelemetryPacketizer: Sendable {
    public let configuration: TelemetryPacketizerConfiguration
    public private(set) var schema: TelemetrySchema
    /// RTP timestamp corresponding to ``originMicroseconds``.
    public let initialTimestamp: UInt32
    /// Capture time mapped to ``initialTimestamp``; set from the first sample if not given.
    public private(set) var originMicroseconds: Int64?
    /// Frames produced so far.
    public private(set) var frameCount = 0

    private var framesSinceAnnouncement = 0
    private var lastAnnouncement: Duration?
    /// Sender time of the first frame (start of the start-up announcements).
    private var firstFrameTime: Duration?
    private var announcePending = true
    private var lastTimestamp: UInt32

    /// - Parameters:
    ///   - initialTimestamp: random per RFC 3550 §5.1; drawn by the caller.
    ///   - originMicroseconds: capture time (µs since Unix epoch) that maps to
    ///     `initialTimestamp`; `nil` = the first sample's capture time.
    public init(
        schema: TelemetrySchema, configuration: TelemetryPacketizerConfiguration = .init(),
        initialTimestamp: UInt32 = 0, originMicroseconds: Int64? = nil
    ) {
        self.schema = schema
        self.configuration = configuration
        self.initialTimestamp = initialTimestamp
        self.originMicroseconds = originMicroseconds
        self.lastTimestamp = initialTimestamp
    }

    /// Switches to another schema (e.g. another id); the next frame announces it.
    public mutating func replaceSchema(_ newSchema: TelemetrySchema) {
        schema = newSchema
        announcePending = true
    }

    /// Forces the next frame to carry the schema inline (e.g. on a receiver's request).
    public mutating func announceNextFrame() { announcePending = true }

    /// Whether a frame built at `now` would carry the schema inline.
    public func wouldAnnounce(at now: Duration) -> Bool {
        if announcePending { return true }
        if let startup = configuration.startupAnnouncementInterval, let first = firstFrameTime, now - first < startup {
            return true
        }
        if let every = configuration.schemaRepeatFrames, framesSinceAnnouncement >= every { return true }
        if let interval = configuration.schemaRepeatInterval, let last = lastAnnouncement, now - last >= interval {
            return true
        }
        return false
    }

    /// Encodes `samples` (may be empty: an announcement-only frame) into the next payload.
    public mutating func makeFrame(
        samples: [TelemetrySample], now: Duration
    ) throws(TelemetryEncodingError) -> TelemetryOutgoingFrame {
        if firstFrameTime == nil { firstFrameTime = now }
        let inline = wouldAnnounce(at: now)
        let payload = try TelemetryPayloadCodec.encode(
            TelemetryFrame(schema: schema, schemaInline: inline, samples: samples))
        if let first = samples.first {
            if originMicroseconds == nil { originMicroseconds = first.captureMicroseconds }
            lastTimestamp = rtpTimestamp(captureMicroseconds: first.captureMicroseconds)
        }
        frameCount += 1
        if inline {
            announcePending = false
            framesSinceAnnouncement = 1
            lastAnnouncement = now
        } else {
            framesSinceAnnouncement += 1
        }
        return TelemetryOutgoingFrame(
            payload: payload, rtpTimestamp: lastTimestamp, schemaInline: inline, sampleCount: samples.count)
    }

    /// RTP timestamp for a capture time: `initialTimestamp` + elapsed µs × clock / 10^6,
    /// modulo 2^32. Exact for any elapsed time (no floating point).
    public func rtpTimestamp(captureMicroseconds: Int64) -> UInt32 {
        let elapsed = captureMicroseconds &- (originMicroseconds ?? captureMicroseconds)
        let clock = Int64(configuration.clockRateHz)
        // Split into whole seconds and a remainder so the multiplication cannot overflow.
        let seconds = elapsed / 1_000_000
        let remainder = elapsed % 1_000_000
        let ticks = seconds &* clock &+ (remainder * clock) / 1_000_000
        return initialTimestamp &+ UInt32(truncatingIfNeeded: ticks)
    }
}
