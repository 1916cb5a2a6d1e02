/// One received RTP packet as the jitter buffer sees it.
public struct JitterBufferPacket: Sendable, Equatable {
    /// RTP synchronisation source; a change (confirmed by followers) restarts the stream.
    public var ssrc: UInt32
    /// RTP sequence number (16-bit, wraps).
    public var sequenceNumber: UInt16
    /// RTP timestamp in clock-rate units (32-bit, wraps).
    public var timestamp: UInt32
    /// Local arrival time as an offset from the caller's monotonic origin, ns. Stored as an
    /// integer: the buffer's arithmetic is in ns, and converting a `Duration` costs 128-bit
    /// multiplications and divisions on every packet.
    public var arrivalNanoseconds: Int64
    /// Local arrival time as an offset from the caller's monotonic origin.
    public var arrival: Duration {
        get { .nanoseconds(arrivalNanoseconds) }
        set { arrivalNanoseconds = newValue.nanoseconds }
    }
    /// Encoded payload (Opus frame or telemetry record). Empty payloads are rejected and counted.
    public var payload: [UInt8]
    /// Whether the payload carries in-band FEC for the previous frame (the caller knows its codec setup).
    public var hasFEC: Bool
    /// Whether this is a DTX / silence frame (Opus: payload of at most 2 bytes). After playing one,
    /// a gap with no packets is rendered as comfort silence rather than concealed as loss.
    public var isDTX: Bool

    /// Creates a packet.
    public init(
        ssrc: UInt32, sequenceNumber: UInt16, timestamp: UInt32, arrival: Duration,
        payload: [UInt8], hasFEC: Bool = false, isDTX: Bool = false
    ) {
        self.init(
            ssrc: ssrc, sequenceNumber: sequenceNumber, timestamp: timestamp, arrivalNanoseconds: arrival.nanoseconds,
            payload: payload, hasFEC: hasFEC, isDTX: isDTX)
    }

    /// Creates a packet whose arrival is given in ns since the caller's monotonic origin.
    public init(
        ssrc: UInt32, sequenceNumber: UInt16, timestamp: UInt32, arrivalNanoseconds: Int64,
        payload: [UInt8], hasFEC: Bool = false, isDTX: Bool = false
    ) {
        self.ssrc = ssrc
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
        self.arrivalNanoseconds = arrivalNanoseconds
        self.payload = payload
        self.hasFEC = hasFEC
        self.isDTX = isDTX
    }
}
