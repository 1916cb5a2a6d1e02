/// Builds outgoing RTP packets for one SSRC, tracking the counters an RTCP SR needs.
///
/// SSRC, the first sequence number and the timestamp origin are random (RFC 3550 §5.1) and drawn
/// from the caller's generator so tests stay deterministic.
public struct RTPPacketizer: Sendable {
    /// Payload type 0...127 written into every packet.
    public let payloadType: UInt8
    /// Media clock rate in Hz (e.g. 48 000 for Opus).
    public let clockRate: Int
    /// Synchronisation source of this stream.
    public let ssrc: UInt32
    /// RTP timestamp of sample 0 of the stream.
    public let initialTimestamp: UInt32
    /// Sequence number the next packet will carry.
    public private(set) var nextSequenceNumber: UInt16
    /// Packets produced so far, modulo 2^32 (RTCP SR "sender's packet count").
    public private(set) var packetCount: UInt32 = 0
    /// Payload octets produced so far, excluding headers and padding, modulo 2^32
    /// (RTCP SR "sender's octet count").
    public private(set) var octetCount: UInt32 = 0

    /// Draws SSRC, initial sequence number and initial timestamp from `generator`.
    public init(payloadType: UInt8, clockRate: Int, generator: inout some RandomNumberGenerator) {
        self.init(
            payloadType: payloadType, clockRate: clockRate,
            ssrc: UInt32.random(in: .min ... .max, using: &generator),
            initialSequenceNumber: UInt16.random(in: .min ... .max, using: &generator),
            initialTimestamp: UInt32.random(in: .min ... .max, using: &generator))
    }

    /// Fully explicit initialiser (for replay and tests).
    public init(
        payloadType: UInt8, clockRate: Int, ssrc: UInt32, initialSequenceNumber: UInt16,
        initialTimestamp: UInt32
    ) {
        self.payloadType = payloadType & 0x7F
        self.clockRate = clockRate
        self.ssrc = ssrc
        self.nextSequenceNumber = initialSequenceNumber
        self.initialTimestamp = initialTimestamp
    }

    /// RTP timestamp for a media position `offsetSamples` clock units after stream start.
    public func rtpTimestamp(offsetSamples: UInt32) -> UInt32 {
        initialTimestamp &+ offsetSamples
    }

    /// An RTCP Sender Report for this stream describing wallclock `ntp`, which corresponds to
    /// media position `timestampOffsetSamples` (clock units since stream start).
    public func makeSenderReport(
        ntp: NTPTimestamp, timestampOffsetSamples: UInt32, reportBlocks: [ReportBlock] = []
    ) -> SenderReport {
        SenderReport(
            ssrc: ssrc, ntp: ntp, rtpTimestamp: rtpTimestamp(offsetSamples: timestampOffsetSamples),
            packetCount: packetCount, octetCount: octetCount, reportBlocks: reportBlocks)
    }

    /// Produces the next packet and advances sequence number (wrapping 65535 → 0) and counters.
    /// - Parameter timestampOffsetSamples: samples since stream start, in clock-rate units.
    public mutating func makePacket(
        payload: [UInt8], timestampOffsetSamples: UInt32, marker: Bool = false,
        extensions: [RTPHeaderExtensionElement] = []
    ) -> RTPPacket {
        let header = RTPHeader(
            marker: marker, payloadType: payloadType, sequenceNumber: nextSequenceNumber,
            timestamp: rtpTimestamp(offsetSamples: timestampOffsetSamples), ssrc: ssrc,
            extensions: extensions)
        nextSequenceNumber &+= 1
        packetCount &+= 1
        octetCount &+= UInt32(truncatingIfNeeded: payload.count)
        return RTPPacket(header: header, payload: payload)
    }
}
