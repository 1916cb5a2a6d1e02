import RTP
import Stats
import Testing
@testable import RTCP

/// SR → RR → RTT round trip with hand-computed figures.
@Suite struct ReportExchangeTests {
    /// Sequence numbers 1000...1019 minus {1005, 1006, 1010}, 20 ms / 960-sample spacing, all on
    /// time except 1015 which is 5 ms (240 units) late.
    static func statisticsWithKnownLoss() -> RTPReceptionStatistics {
        var statistics = RTPReceptionStatistics(clockRateHertz: Fixture.clockRate)
        for index in 0..<20 where ![5, 6, 10].contains(index) {
            let lateness: Duration = index == 15 ? .milliseconds(5) : .zero
            statistics.record(
                sequenceNumber: UInt16(1000 + index), rtpTimestamp: UInt32(960 * index),
                arrival: .milliseconds(20 * index) + lateness, payloadBytes: 100)
        }
        return statistics
    }

    @Test func senderReportFromCountsRoundTrips() throws {
        var packetizer = RTPPacketizer(
            payloadType: 111, clockRate: Fixture.clockRate, ssrc: Fixture.senderSSRC, initialSequenceNumber: 7,
            initialTimestamp: 0xFFFF_FF00)
        for index in 0..<3 {
            _ = packetizer.makePacket(payload: [UInt8](repeating: 1, count: 100), timestampOffsetSamples: UInt32(960 * index))
        }
        let side = RTCPSenderSide(ssrc: Fixture.senderSSRC, cname: "tx@example")
        let packets = side.makeCompound(
            packetizer: packetizer, ntp: Fixture.srNTP, timestampOffsetSamples: 2_880, now: .seconds(1))
        let parsed = try RTCPCompound.parse(RTCPCompound.serialize(packets))
        #expect(parsed == packets)
        #expect(parsed.count == 2)
        guard case .senderReport(let report) = parsed[0], case .sourceDescription(let sdes) = parsed[1] else {
            Issue.record("expected SR + SDES, got \(parsed)")
            return
        }
        #expect(report.ssrc == Fixture.senderSSRC)
        #expect(report.packetCount == 3)
        #expect(report.octetCount == 300)
        #expect(report.rtpTimestamp == 0xFFFF_FF00 &+ 2_880)  // wraps to 0x0000_0A40
        #expect(report.ntp == Fixture.srNTP)
        #expect(sdes.chunks.first?.cname == "tx@example")

        let ending = side.makeCompound(
            ntp: Fixture.srNTP, rtpTimestamp: 1, packetCount: 3, octetCount: 300, now: .seconds(1), goodbye: "done")
        let parsedEnding = try RTCPCompound.parse(RTCPCompound.serialize(ending))
        #expect(parsedEnding.last == .goodbye(Goodbye(ssrcs: [Fixture.senderSSRC], reason: "done")))
    }

    @Test func receiverReportCarriesLossJitterAndLSRDLSR() throws {
        var statistics = Self.statisticsWithKnownLoss()
        var receiver = RTCPReceiverSide(ssrc: Fixture.receiverSSRC, cname: "rx@example")
        let sender = RTCPSenderSide(ssrc: Fixture.senderSSRC, cname: "tx@example")
        let srBytes = RTCPCompound.serialize(sender.makeCompound(
            ntp: Fixture.srNTP, rtpTimestamp: 0, packetCount: 20, octetCount: 2_000, now: .zero))
        let accepted = receiver.process(datagram: srBytes, arrival: .seconds(1), arrivalNTP: NTPTimestamp(seconds: 1, fraction: 0))
        #expect(accepted)
        #expect(receiver.lastSenderReports[Fixture.senderSSRC]?.middle32 == Fixture.srNTP.middle32)
        #expect(receiver.sourceCNAMEs[Fixture.senderSSRC] == "tx@example")

        // Sent 250 ms after the SR arrived: DLSR = 0.25 × 65536 = 16384.
        let packets = receiver.makeCompound(
            sourceSSRC: Fixture.senderSSRC, statistics: &statistics, now: .milliseconds(1_250),
            nowNTP: NTPTimestamp(seconds: 2, fraction: 0))
        let parsed = try RTCPCompound.parse(RTCPCompound.serialize(packets))
        guard case .receiverReport(let report) = parsed.first, let block = report.reportBlocks.first else {
            Issue.record("expected an RR with a block, got \(parsed)")
            return
        }
        #expect(report.ssrc == Fixture.receiverSSRC)
        #expect(block.ssrc == Fixture.senderSSRC)
        // 1000, held on probation, counts: base 1000, highest 1019 → expected 20, received 17, lost 3.
        #expect(block.cumulativeLost == 3)
        #expect(block.fractionLost == 38)  // 3 × 256 / 20 = 38.4
        #expect(block.extendedHighestSequence == 1_019)
        // A.8 integer jitter (×16): 240 at 1015, then 465, 436, 409, 383 → 383 >> 4 = 23.
        #expect(block.jitter == 23)
        #expect(block.lastSR == (3_900_000_000 & 0xFFFF) << 16 | 0x8000)
        #expect(block.delaySinceLastSR == 16_384)
        // SDES and an XR carrying our RRTR follow.
        #expect(parsed.count == 3)
        guard case .extendedReport(let xr) = parsed[2] else {
            Issue.record("expected XR")
            return
        }
        #expect(xr.blocks.compactMap(ReceiverReferenceTime.rrtr) == [NTPTimestamp(seconds: 2, fraction: 0)])
    }

    @Test func senderComputesRTTAsTwiceTheNetworkDelay() throws {
        // Network one-way delay 62.5 ms (4096 / 65536 s), receiver holds the SR 250 ms:
        // the RR arrives at SR time + 375 ms, so A − LSR − DLSR = 125 ms exactly.
        var statistics = Self.statisticsWithKnownLoss()
        var receiver = RTCPReceiverSide(ssrc: Fixture.receiverSSRC, cname: "rx@example")
        var sender = RTCPSenderSide(ssrc: Fixture.senderSSRC, cname: "tx@example", clockRateHertz: Fixture.clockRate)
        let sr = sender.makeCompound(ntp: Fixture.srNTP, rtpTimestamp: 0, packetCount: 20, octetCount: 2_000, now: .zero)
        receiver.process(packets: sr, arrival: .seconds(1), arrivalNTP: NTPTimestamp(seconds: 1, fraction: 0))
        let rr = receiver.makeCompound(
            sourceSSRC: Fixture.senderSSRC, statistics: &statistics, now: .milliseconds(1_250),
            nowNTP: NTPTimestamp(seconds: 2, fraction: 0))
        let arrivalNTP = Fixture.ntp(Fixture.srNTP, plusFraction: Fixture.threeEighthsSecond)
        let accepted = sender.process(datagram: RTCPCompound.serialize(rr), arrival: .seconds(3), arrivalNTP: arrivalNTP)
        #expect(accepted)
        #expect(sender.latestRTT == .milliseconds(125))
        #expect(sender.roundTripTimes.count == 1)
        #expect(sender.roundTripTimes.percentileMilliseconds(50) == 125)
        let report = try #require(sender.lastReport)
        #expect(report.reporterSSRC == Fixture.receiverSSRC)
        #expect(report.fractionLost == 38.0 / 256)
        #expect(report.cumulativeLost == 3)
        #expect(report.extendedHighestSequence == 1_019)
        #expect(report.jitterMilliseconds == 23.0 / 48)
        #expect(sender.lastReportArrival == .seconds(3))
        #expect(sender.peerCNAMEs[Fixture.receiverSSRC] == "rx@example")
        #expect(sender.rejections.total == 0)
    }

    @Test func receiverLearnsRTTFromDLRR() throws {
        var statistics = Self.statisticsWithKnownLoss()
        var receiver = RTCPReceiverSide(ssrc: Fixture.receiverSSRC, cname: "rx@example")
        var sender = RTCPSenderSide(ssrc: Fixture.senderSSRC, cname: "tx@example")
        let rrtrTime = Fixture.srNTP
        let rr = receiver.makeCompound(
            sourceSSRC: Fixture.senderSSRC, statistics: &statistics, now: .seconds(1), nowNTP: rrtrTime)
        sender.process(packets: rr, arrival: .seconds(10), arrivalNTP: NTPTimestamp(seconds: 5, fraction: 0))
        // The sender answers 250 ms later with DLRR = 16384.
        let answer = sender.makeCompound(
            ntp: NTPTimestamp(seconds: 6, fraction: 0), rtpTimestamp: 0, packetCount: 1, octetCount: 1,
            now: .milliseconds(10_250))
        guard case .extendedReport(let xr) = answer[2], let items = ReceiverReferenceTime.dlrr(in: xr.blocks[0]) else {
            Issue.record("expected an XR DLRR, got \(answer)")
            return
        }
        #expect(items == [.init(ssrc: Fixture.receiverSSRC, lastReceiverReport: rrtrTime.middle32, delaySinceLastReceiverReport: 16_384)])
        let arrivalNTP = Fixture.ntp(rrtrTime, plusFraction: Fixture.threeEighthsSecond)
        let accepted = receiver.process(datagram: RTCPCompound.serialize(answer), arrival: .seconds(2), arrivalNTP: arrivalNTP)
        #expect(accepted)
        #expect(receiver.latestRTT == .milliseconds(125))
    }

    @Test func goodbyeEndsTheStreamWithReason() {
        var receiver = RTCPReceiverSide(ssrc: Fixture.receiverSSRC, cname: "rx")
        let sender = RTCPSenderSide(ssrc: Fixture.senderSSRC, cname: "tx")
        let bye = sender.makeCompound(
            ntp: Fixture.srNTP, rtpTimestamp: 0, packetCount: 0, octetCount: 0, now: .zero, goodbye: "end of file")
        #expect(!receiver.hasStreamEnded)
        receiver.process(datagram: RTCPCompound.serialize(bye), arrival: .seconds(4), arrivalNTP: Fixture.srNTP)
        #expect(receiver.streamEnd == StreamEnd(ssrc: Fixture.senderSSRC, reason: "end of file", arrival: .seconds(4)))

        // A BYE from a source we never heard of does not end anything.
        var other = RTCPReceiverSide(ssrc: Fixture.receiverSSRC, cname: "rx")
        other.registerSource(Fixture.senderSSRC)
        other.process(packets: [.goodbye(Goodbye(ssrcs: [0xBAD0_0BAD]))], arrival: .seconds(1), arrivalNTP: Fixture.srNTP)
        #expect(!other.hasStreamEnded)
        #expect(other.rejections[RTCPRejectionCounter.unknownSSRC] == 1)
        // The sender side notices a receiver's BYE.
        var senderSide = RTCPSenderSide(ssrc: Fixture.senderSSRC, cname: "tx")
        var statistics = Self.statisticsWithKnownLoss()
        let rrBye = receiver.makeCompound(
            sourceSSRC: Fixture.senderSSRC, statistics: &statistics, now: .seconds(5), nowNTP: Fixture.srNTP,
            goodbye: "")
        senderSide.process(packets: rrBye, arrival: .seconds(6), arrivalNTP: Fixture.srNTP)
        #expect(senderSide.peerGoodbye == StreamEnd(ssrc: Fixture.receiverSSRC, reason: nil, arrival: .seconds(6)))
    }
}
