import JitterbugSupport
import RTP

/// RFC 3611 §4.4 Receiver Reference Time (RRTR, BT=4) and §4.5 DLRR (BT=5) report blocks, carried
/// as raw ``ExtendedReport/Block/unknown(blockType:typeSpecific:body:)`` blocks because the RTP
/// target does not model them.
///
/// They let a pure receiver learn the round-trip time: it sends its NTP time in an RRTR, the
/// sender echoes the middle 32 bits with the delay since (DLRR), and the receiver computes
/// A − LRR − DLRR exactly like the SR/RR method.
public enum ReceiverReferenceTime {
    /// RRTR block type.
    public static let rrtrBlockType: UInt8 = 4
    /// DLRR block type.
    public static let dlrrBlockType: UInt8 = 5

    /// One DLRR sub-block: the echo of one receiver's RRTR.
    public struct DelaySinceLastReceiverReport: Sendable, Equatable, Hashable {
        /// The receiver (RRTR originator) this sub-block answers.
        public var ssrc: UInt32
        /// Middle 32 bits of that RRTR's NTP timestamp (1/65536 s units).
        public var lastReceiverReport: UInt32
        /// Delay since that RRTR arrived, in 1/65536 s units.
        public var delaySinceLastReceiverReport: UInt32

        public init(ssrc: UInt32, lastReceiverReport: UInt32, delaySinceLastReceiverReport: UInt32) {
            self.ssrc = ssrc
            self.lastReceiverReport = lastReceiverReport
            self.delaySinceLastReceiverReport = delaySinceLastReceiverReport
        }
    }

    /// An RRTR block carrying `ntp`.
    public static func rrtrBlock(ntp: NTPTimestamp) -> ExtendedReport.Block {
        var body: [UInt8] = []
        append(ntp.seconds, to: &body)
        append(ntp.fraction, to: &body)
        return .unknown(blockType: rrtrBlockType, typeSpecific: 0, body: body)
    }

    /// A DLRR block with the given sub-blocks.
    public static func dlrrBlock(_ items: [DelaySinceLastReceiverReport]) -> ExtendedReport.Block {
        var body: [UInt8] = []
        for item in items {
            append(item.ssrc, to: &body)
            append(item.lastReceiverReport, to: &body)
            append(item.delaySinceLastReceiverReport, to: &body)
        }
        return .unknown(blockType: dlrrBlockType, typeSpecific: 0, body: body)
    }

    /// The NTP timestamp of an RRTR block; `nil` for other blocks or a wrong length.
    public static func rrtr(in block: ExtendedReport.Block) -> NTPTimestamp? {
        guard case .unknown(rrtrBlockType, _, let body) = block, body.count == 8 else { return nil }
        return NTPTimestamp(seconds: word(body, 0), fraction: word(body, 4))
    }

    /// The sub-blocks of a DLRR block; `nil` for other blocks or a length not a multiple of 12.
    public static func dlrr(in block: ExtendedReport.Block) -> [DelaySinceLastReceiverReport]? {
        guard case .unknown(dlrrBlockType, _, let body) = block, body.count % 12 == 0 else { return nil }
        return stride(from: 0, to: body.count, by: 12).map { offset in
            DelaySinceLastReceiverReport(
                ssrc: word(body, offset), lastReceiverReport: word(body, offset + 4),
                delaySinceLastReceiverReport: word(body, offset + 8))
        }
    }

    private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: [
            UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
            UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value),
        ])
    }

    /// Big-endian word at `offset`; callers have checked the length.
    private static func word(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }
}
