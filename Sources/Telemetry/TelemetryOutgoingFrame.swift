/// One encoded telemetry payload ready to be wrapped in an RTP packet by the caller.
public struct TelemetryOutgoingFrame: Sendable, Hashable {
    /// The RTP payload bytes (telemetry format version 1).
    public let payload: [UInt8]
    /// RTP timestamp of the first sample, in ``TelemetryPacketizerConfiguration/clockRateHz``
    /// units from the packetizer's initial timestamp (wraps modulo 2^32).
    public let rtpTimestamp: UInt32
    /// Whether this frame announces the schema inline.
    public let schemaInline: Bool
    /// Samples carried.
    public let sampleCount: Int

    public init(payload: [UInt8], rtpTimestamp: UInt32, schemaInline: Bool, sampleCount: Int) {
        self.payload = payload
        self.rtpTimestamp = rtpTimestamp
        self.schemaInline = schemaInline
        self.sampleCount = sampleCount
    }
}
