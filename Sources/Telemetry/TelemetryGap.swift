/// A run of RTP sequence numbers whose samples never reached the output (lost, or rejected
/// as undecodable). Sequence numbers are extended (unwrapped) and start at the first received
/// packet's 16-bit value.
public struct TelemetryGap: Sendable, Hashable {
    /// First missing extended sequence number.
    public let firstSequenceNumber: Int64
    /// Last missing extended sequence number (inclusive).
    public let lastSequenceNumber: Int64
    /// Capture time (µs since Unix epoch) of the last sample before the gap.
    public let fromMicroseconds: Int64
    /// Capture time (µs since Unix epoch) of the first sample after the gap.
    public let toMicroseconds: Int64

    public init(firstSequenceNumber: Int64, lastSequenceNumber: Int64, fromMicroseconds: Int64, toMicroseconds: Int64) {
        self.firstSequenceNumber = firstSequenceNumber
        self.lastSequenceNumber = lastSequenceNumber
        self.fromMicroseconds = fromMicroseconds
        self.toMicroseconds = toMicroseconds
    }

    /// Number of missing packets.
    public var count: Int64 { lastSequenceNumber - firstSequenceNumber + 1 }
}
