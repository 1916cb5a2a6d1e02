import RTP
import RTCP
import Synchronization

/// The far end of a ``FakeSenderNetwork``: counts RTP by path, reports every 500 ms (a receiver
/// report block for the sender plus a Jitterbug path report), and answers a BYE with its own.
final class FakeReceiver: Sendable {
    static let ssrc: UInt32 = 0xBEEF

    private struct State {
        var senderSSRC: UInt32?
        var udpPackets: UInt32 = 0
        var tcpPackets: UInt32 = 0
        var sequenceNumbers = Set<UInt16>()
        var nextReport: Duration = .milliseconds(500)
        var sawGoodbye = false
        var reports = true
    }

    private let state = Mutex(State())
    /// Whether to send reports at all (off for SRTCP, which the fake cannot protect).
    init(reports: Bool = true) { state.withLock { $0.reports = reports } }

    var sawGoodbye: Bool { state.withLock { $0.sawGoodbye } }
    var udpPackets: UInt32 { state.withLock { $0.udpPackets } }
    /// Distinct RTP sequence numbers received by either path.
    var distinctSequenceNumbers: Int { state.withLock { $0.sequenceNumbers.count } }

    /// An RTP packet arrived by UDP or TCP.
    func receiveRTP(_ bytes: [UInt8], byTCP: Bool) {
        guard bytes.count >= 12 else { return }
        let ssrc = bytes[8..<12].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        state.withLock { s in
            s.senderSSRC = ssrc
            s.sequenceNumbers.insert(UInt16(bytes[2]) << 8 | UInt16(bytes[3]))
            if byTCP { s.tcpPackets &+= 1 } else { s.udpPackets &+= 1 }
        }
    }

    /// A sender RTCP compound arrived; returns the answer to a BYE, if it was one.
    func receiveRTCP(_ bytes: [UInt8]) -> [UInt8]? {
        guard let packets = try? RTCPCompound.parse(bytes),
            packets.contains(where: { if case .goodbye = $0 { true } else { false } })
        else { return nil }
        return state.withLock { s in
            s.sawGoodbye = true
            return RTCPCompound.serialize(reportPackets(s) + [.goodbye(Goodbye(ssrcs: [Self.ssrc]))])
        }
    }

    /// The report due at `now`, if any.
    func reportIfDue(now: Duration) -> [UInt8]? {
        state.withLock { s in
            guard s.reports, now >= s.nextReport, s.senderSSRC != nil else { return nil }
            s.nextReport = now + .milliseconds(500)
            return RTCPCompound.serialize(reportPackets(s))
        }
    }

    private func reportPackets(_ s: State) -> [RTCPPacket] {
        let block = ReportBlock(
            ssrc: s.senderSSRC ?? 0, fractionLost: 0, cumulativeLost: 0, extendedHighestSequence: 0, jitter: 0,
            lastSR: 0, delaySinceLastSR: 0)
        return [
            .receiverReport(ReceiverReport(ssrc: Self.ssrc, reportBlocks: [block])),
            PathReport(ssrc: Self.ssrc, udpPackets: s.udpPackets, tcpPackets: s.tcpPackets).packet,
        ]
    }
}
