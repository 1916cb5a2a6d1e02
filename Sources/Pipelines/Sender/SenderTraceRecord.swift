/// One RTP packet as it was handed to the transport: a `send --trace` CSV line.
package struct SenderTraceRecord: Sendable, Equatable {
    package var sequenceNumber: UInt16
    package var rtpTimestamp: UInt32
    /// Wall-clock send time, microseconds since the Unix epoch.
    package var sendUnixMicroseconds: Int64
    /// The RTP packet's size in bytes, header included (before SRTP).
    package var rtpBytes: Int
    package var payloadBytes: Int
}
