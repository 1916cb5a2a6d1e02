import Testing
@testable import RTP

@Suite("RTCP compound packets")
struct RTCPCompoundTests {
    /// SR from SSRC 0xdeadbeef at the RFC 3550 §6.4.1 example time, no report blocks.
    static let senderReport = hex("""
        80 c8 00 06 de ad be ef b4 4d b7 05 20 00 00 00
        00 00 03 e8 00 00 00 0a 00 00 06 40
        """)
    /// SDES with one chunk: CNAME "abcd", null terminator and one pad byte.
    static let sdes = hex("81 ca 00 03 de ad be ef 01 04 61 62 63 64 00 00")

    @Test func parsesHandWrittenSRAndSDES() throws {
        let packets = try RTCPCompound.parse(Self.senderReport + Self.sdes)
        #expect(packets.count == 2)
        guard case .senderReport(let sr) = packets.first else {
            Issue.record("expected SR, got \(String(describing: packets.first))")
            return
        }
        #expect(sr.ssrc == 0xdead_beef)
        #expect(sr.ntp == NTPTimestamp(seconds: 0xb44d_b705, fraction: 0x2000_0000))
        #expect(sr.rtpTimestamp == 1000 && sr.packetCount == 10 && sr.octetCount == 1600)
        #expect(sr.reportBlocks.isEmpty)
        guard case .sourceDescription(let sdes) = packets.last else {
            Issue.record("expected SDES")
            return
        }
        #expect(sdes.chunks.count == 1)
        #expect(sdes.chunks.first?.ssrc == 0xdead_beef)
        #expect(sdes.chunks.first?.cname == "abcd")
        #expect(RTCPCompound.serialize(packets) == Self.senderReport + Self.sdes)
    }

    @Test func srSdesXrRoundTrip() throws {
        let block = ReportBlock(
            ssrc: 0x0102_0304, fractionLost: 64, cumulativeLost: -3, extendedHighestSequence: 0x0001_0005,
            jitter: 120, lastSR: 0xb705_2000, delaySinceLastSR: 0x0005_4000)
        let metrics = VoIPMetricsBlock(
            ssrc: 0x0102_0304, lossRate: 13, discardRate: 3, burstDensity: 200, gapDensity: 2,
            burstDurationMilliseconds: 60, gapDurationMilliseconds: 5000, roundTripDelayMilliseconds: 120,
            endSystemDelayMilliseconds: 45, signalLevelDB: -18, noiseLevelDB: -60, residualEchoReturnLossDB: 127,
            gMin: 16, rFactor: 88, externalRFactor: 127, mosLQ: 42, mosCQ: 41,
            receiverConfiguration: VoIPMetricsBlock.receiverConfiguration(
                plc: .enhanced, adaptivity: .adaptive, jitterBufferRate: 5),
            jitterBufferNominalMilliseconds: 40, jitterBufferMaximumMilliseconds: 120,
            jitterBufferAbsoluteMaximumMilliseconds: 200)
        let packets: [RTCPPacket] = [
            .senderReport(SenderReport(
                ssrc: 0xdead_beef, ntp: NTPTimestamp(seconds: 1, fraction: 2), rtpTimestamp: 3, packetCount: 4,
                octetCount: 5, reportBlocks: [block, block])),
            .sourceDescription(SourceDescription(chunks: [
                .init(ssrc: 0xdead_beef, items: [
                    SDESItem(type: .cname, text: "jitterbug@host"), SDESItem(type: .tool, text: "jitterbug 0.1"),
                    SDESItem(type: .priv, data: [3, 0x61, 0x62, 0x63, 0xff]),
                ]),
                .init(ssrc: 7, items: []),
            ])),
            .extendedReport(ExtendedReport(ssrc: 0xdead_beef, blocks: [
                .voipMetrics(metrics), .unknown(blockType: 42, typeSpecific: 9, body: [1, 2, 3, 4, 5, 6, 7, 8]),
            ])),
            .receiverReport(ReceiverReport(ssrc: 9, reportBlocks: [block])),
            .goodbye(Goodbye(ssrcs: [0xdead_beef, 1], reason: "done")),
        ]
        let bytes = RTCPCompound.serialize(packets)
        #expect(bytes.count % 4 == 0)
        #expect(try RTCPCompound.parse(bytes) == packets)
    }

    @Test func unknownPacketTypesAreSkippedAndKept() throws {
        // RTPFB generic NACK (PT 205, FMT 1) between SR and SDES.
        let nack = hex("81 cd 00 03 de ad be ef 01 02 03 04 00 10 00 01")
        let packets = try RTCPCompound.parse(Self.senderReport + nack + Self.sdes)
        #expect(packets.count == 3)
        #expect(packets[1] == .unknown(packetType: 205, bytes: nack))
        #expect(packets[2].packetType == SourceDescription.packetType)
        #expect(RTCPCompound.serialize(packets) == Self.senderReport + nack + Self.sdes)
    }

    @Test func receiverReportSignExtendsCumulativeLoss() throws {
        let rr = hex("""
            81 c9 00 07 00 00 00 01
            00 00 00 02 20 ff ff fe 00 02 00 10 00 00 00 64 b7 05 20 00 00 05 40 00
            """)
        let packets = try RTCPCompound.parse(rr)
        guard case .receiverReport(let report) = packets.first, let block = report.reportBlocks.first else {
            Issue.record("expected RR with a block")
            return
        }
        #expect(block.fractionLost == 0x20)
        #expect(block.cumulativeLost == -2)
        #expect(block.extendedHighestSequence == 0x0002_0010)
        #expect(block.jitter == 100)
        #expect(RTCPCompound.serialize(packets) == rr)
    }

    @Test func cumulativeLossIsClampedTo24Bits() throws {
        for (value, expected): (Int32, Int32) in [(10_000_000, 8_388_607), (-10_000_000, -8_388_608), (-1, -1)] {
            let block = ReportBlock(
                ssrc: 1, fractionLost: 0, cumulativeLost: value, extendedHighestSequence: 0, jitter: 0, lastSR: 0,
                delaySinceLastSR: 0)
            let parsed = try RTCPCompound.parse(RTCPCompound.serialize([
                .receiverReport(ReceiverReport(ssrc: 2, reportBlocks: [block]))
            ]))
            guard case .receiverReport(let report) = parsed.first else {
                Issue.record("expected RR")
                return
            }
            #expect(report.reportBlocks.first?.cumulativeLost == expected)
        }
    }

    @Test func goodbyeWithReasonAndWithout() throws {
        let bye = hex("81 cb 00 03 00 00 00 2a 04 64 6f 6e 65 00 00 00")
        #expect(try RTCPCompound.parse(bye) == [.goodbye(Goodbye(ssrcs: [42], reason: "done"))])
        let bare = hex("81 cb 00 01 00 00 00 2a")
        #expect(try RTCPCompound.parse(bare) == [.goodbye(Goodbye(ssrcs: [42]))])
        #expect(RTCPCompound.serialize([.goodbye(Goodbye(ssrcs: [42], reason: "done"))]) == bye)
    }

    @Test func paddingOnLastPacketIsStripped() throws {
        // BYE with P bit: 4 padding bytes (count 4) after the SSRC; length covers them.
        let bye = hex("a1 cb 00 02 00 00 00 2a 00 00 00 04")
        #expect(try RTCPCompound.parse(Self.senderReport + bye) .last == .goodbye(Goodbye(ssrcs: [42])))
    }

    @Test func rtcpMuxDemux() {
        #expect(RTCPCompound.isRTCP(hex("80 c8")))          // SR
        #expect(RTCPCompound.isRTCP(hex("81 c0")))          // 192, lower bound
        #expect(RTCPCompound.isRTCP(hex("81 df")))          // 223, upper bound
        #expect(!RTCPCompound.isRTCP(hex("80 e0")))         // 224: RTP PT 96 + marker
        #expect(!RTCPCompound.isRTCP(hex("80 ef")))         // RTP PT 111 + marker
        #expect(!RTCPCompound.isRTCP(hex("80 6f")))         // RTP PT 111
        #expect(!RTCPCompound.isRTCP(hex("80")))
        RTCPCompoundTests.senderReport.withUnsafeBytes { #expect(RTCPCompound.isRTCP($0)) }
    }

    /// RFC 3550 §6.4.1 worked example: A = 0xb7108000 (46864.500 s), LSR = 0xb7052000
    /// (46853.125 s), DLSR = 0x00054000 (5.250 s) → delay 0x00062000 = 6.125 s.
    @Test func roundTripTimeRFCExample() {
        let rtt = ReportBlock.roundTripTime(
            arrivalNTPMiddle32: 0xb710_8000, lastSR: 0xb705_2000, delaySinceLastSR: 0x0005_4000)
        #expect(rtt == .seconds(6) + .milliseconds(125))
        #expect(ReportBlock.roundTripTime(arrivalNTPMiddle32: 0xb710_8000, lastSR: 0, delaySinceLastSR: 0) == nil)
        // DLSR larger than elapsed time → negative → nil rather than a huge wrapped value.
        #expect(ReportBlock.roundTripTime(
            arrivalNTPMiddle32: 0xb705_3000, lastSR: 0xb705_2000, delaySinceLastSR: 0x0001_0000) == nil)
        #expect(ReportBlock.delaySinceLastSR(.seconds(5) + .milliseconds(250)) == 0x0005_4000)
        #expect(ReportBlock.delaySinceLastSR(.seconds(-1)) == 0)
    }
}

/// Regression input found by fuzzing (Tools/Fuzz/Corpus/fuzz-rtcp/crash-bye-reason-*): a BYE
/// reason cut to 255 bytes must not split a multi-byte character.
@Suite struct GoodbyeReasonRegressionTests {
    @Test func longReasonIsCutAtACharacterBoundary() throws {
        let reason = String(repeating: "a", count: 254) + "é"
        let bytes = RTCPCompound.serialize([.goodbye(Goodbye(ssrcs: [1], reason: reason))])
        let parsed = try RTCPCompound.parse(bytes)
        guard case .goodbye(let bye) = parsed.first else {
            Issue.record("no BYE parsed back")
            return
        }
        let text = try #require(bye.reason)
        #expect(text == String(repeating: "a", count: 254))
        #expect(text.utf8.count <= 255)
    }
}
