import Capture
import RTP

/// Builds `CapturedPacket`s of hand-made RTP and RTCP for the analyzer tests.
enum SyntheticPackets {
    static let source = CaptureEndpoint(address: [127, 0, 0, 1], port: 40_000)
    static let destination = CaptureEndpoint(address: [127, 0, 0, 1], port: 5_004)
    /// 2026-01-01 00:00:00 UTC, ns.
    static let start: Int64 = 1_767_225_600_000_000_000

    static func rtp(
        sequence: UInt16, timestamp: UInt32, arrivalMilliseconds: Double, ssrc: UInt32 = 0x1234_5678,
        payloadType: UInt8 = 0, payload: [UInt8] = [UInt8](repeating: 0xD5, count: 160), marker: Bool = false,
        extensions: [RTPHeaderExtensionElement] = [], source: CaptureEndpoint = source
    ) -> CapturedPacket {
        let header = RTPHeader(
            marker: marker, payloadType: payloadType, sequenceNumber: sequence, timestamp: timestamp, ssrc: ssrc,
            extensions: extensions)
        let bytes = RTPPacket(header: header, payload: payload).serialized()
        return datagram(bytes, arrivalMilliseconds: arrivalMilliseconds, source: source)
    }

    static func datagram(_ bytes: [UInt8], arrivalMilliseconds: Double, source: CaptureEndpoint = source) -> CapturedPacket {
        CapturedPacket(
            timestampNanoseconds: start + Int64((arrivalMilliseconds * 1_000_000).rounded()), source: source,
            destination: destination, transport: .udp, payload: bytes[...])
    }

    /// A regular 8 kHz PCMU stream: `count` packets from `firstSequence`, 20 ms apart, minus
    /// `lost` (offsets from the first), in order.
    static func regular(count: Int, firstSequence: UInt16 = 1_000, lost: Set<Int> = [], ssrc: UInt32 = 0x1234_5678) -> [CapturedPacket] {
        (0..<count).filter { !lost.contains($0) }.map { index in
            rtp(
                sequence: firstSequence &+ UInt16(truncatingIfNeeded: index), timestamp: 8_000 + UInt32(index) * 160,
                arrivalMilliseconds: Double(index) * 20, ssrc: ssrc)
        }
    }
}
