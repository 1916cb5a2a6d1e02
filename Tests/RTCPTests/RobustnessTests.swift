import JitterbugSupport
import RTP
import Testing
@testable import RTCP

@Suite struct RobustnessTests {
    static func block(about ssrc: UInt32, fraction: UInt8 = 0, cumulative: Int32 = 0, highest: UInt32 = 0) -> ReportBlock {
        ReportBlock(
            ssrc: ssrc, fractionLost: fraction, cumulativeLost: cumulative, extendedHighestSequence: highest,
            jitter: 0, lastSR: 0, delaySinceLastSR: 0)
    }

    @Test func malformedCompoundsAreCountedByReason() {
        let cases: [(bytes: [UInt8], reason: String)] = [
            ([], "too_short"),
            ([0x81, 201], "too_short"),
            ([0x40, 201, 0, 1, 0, 0, 0, 1], "bad_version"),
            ([0x80, 201, 0, 5, 0, 0, 0, 1], "length_overrun"),
            ([0x81, 201, 0, 1, 0, 0, 0, 1], "truncated_report"),  // count 1 but no block
            ([0xA0, 201, 0, 1, 0, 0, 0, 4, 0x80, 201, 0, 1, 0, 0, 0, 1], "padding_not_last"),
            ([0xA0, 201, 0, 1, 0, 0, 0, 0], "bad_padding"),
            ([0x81, 203, 0, 0], "malformed_bye"),
            ([0x80, 207, 0, 0], "malformed_xr"),
        ]
        var sender = RTCPSenderSide(ssrc: Fixture.senderSSRC, cname: "tx")
        var receiver = RTCPReceiverSide(ssrc: Fixture.receiverSSRC, cname: "rx")
        for (bytes, reason) in cases {
            let beforeSender = sender.rejections[reason]
            let beforeReceiver = receiver.rejections[reason]
            let senderAccepted = sender.process(datagram: bytes, arrival: .zero, arrivalNTP: Fixture.srNTP)
            let receiverAccepted = receiver.process(datagram: bytes, arrival: .zero, arrivalNTP: Fixture.srNTP)
            #expect(!senderAccepted, "\(reason)")
            #expect(!receiverAccepted, "\(reason)")
            #expect(sender.rejections[reason] == beforeSender + 1, "\(reason)")
            #expect(receiver.rejections[reason] == beforeReceiver + 1, "\(reason)")
        }
        #expect(sender.rejections.total == cases.count)
        #expect(sender.compoundsReceived == 0)
    }

    @Test func unknownPacketTypesAreSkippedAndTheRestProcessed() {
        var sender = RTCPSenderSide(ssrc: Fixture.senderSSRC, cname: "tx")
        let app: [UInt8] = [0x80, 204, 0, 2, 0, 0, 0, 9, 0x41, 0x42, 0x43, 0x44]  // APP "ABCD"
        let rr = RTCPCompound.serialize([
            .receiverReport(ReceiverReport(ssrc: Fixture.receiverSSRC, reportBlocks: [Self.block(about: Fixture.senderSSRC)]))
        ])
        let accepted = sender.process(datagram: rr + app, arrival: .seconds(1), arrivalNTP: Fixture.srNTP)
        #expect(accepted)
        #expect(sender.rejections[RTCPRejectionCounter.unknownPacketType] == 1)
        #expect(sender.reportsReceived == 1)
    }

    @Test func reportsAboutUnknownSSRCsAreCountedAndIgnored() {
        var sender = RTCPSenderSide(ssrc: Fixture.senderSSRC, cname: "tx")
        sender.process(
            packets: [
                .receiverReport(ReceiverReport(ssrc: Fixture.receiverSSRC, reportBlocks: [
                    Self.block(about: 0xDEAD_BEEF, fraction: 128), Self.block(about: Fixture.senderSSRC, fraction: 64),
                ])),
                .extendedReport(ExtendedReport(ssrc: Fixture.receiverSSRC, blocks: [.voipMetrics(VoIPMetricsBlock(ssrc: 0xDEAD_BEEF))])),
            ],
            arrival: .seconds(1), arrivalNTP: Fixture.srNTP)
        #expect(sender.rejections[RTCPRejectionCounter.unknownSSRC] == 2)
        #expect(sender.reportsReceived == 1)
        #expect(sender.lastReport?.block.fractionLost == 64)
        #expect(sender.latestVoIPMetrics == nil)

        var receiver = RTCPReceiverSide(ssrc: Fixture.receiverSSRC, cname: "rx")
        receiver.process(
            packets: [.receiverReport(ReceiverReport(ssrc: 5, reportBlocks: [Self.block(about: 0xDEAD_BEEF)]))],
            arrival: .zero, arrivalNTP: Fixture.srNTP)
        #expect(receiver.rejections[RTCPRejectionCounter.unknownSSRC] == 1)
        // More sources than the table holds: the extra SR is refused and counted.
        for source in 0..<UInt32(RTCPReceiverSide.maximumSources + 1) {
            receiver.process(
                packets: [.senderReport(SenderReport(ssrc: 100 + source, ntp: Fixture.srNTP, rtpTimestamp: 0, packetCount: 0, octetCount: 0))],
                arrival: .zero, arrivalNTP: Fixture.srNTP)
        }
        #expect(receiver.lastSenderReports.count == RTCPReceiverSide.maximumSources)
        #expect(receiver.rejections[RTCPRejectionCounter.sourceTableFull] == 1)
    }

    /// Sources whose streams ended are forgotten (SR, CNAME and all), so a receiver whose senders
    /// come and go keeps taking new ones: the table used to keep its first 16 SSRCs for good.
    @Test func forgottenSourcesMakeRoomForNewOnes() {
        var receiver = RTCPReceiverSide(ssrc: Fixture.receiverSSRC, cname: "rx")
        func report(from source: UInt32) {
            receiver.process(
                packets: [
                    .senderReport(SenderReport(ssrc: source, ntp: Fixture.srNTP, rtpTimestamp: 0, packetCount: 0, octetCount: 0)),
                    .sourceDescription(.cname(ssrc: source, "tx\(source)")),
                ],
                arrival: .zero, arrivalNTP: Fixture.srNTP)
        }
        for test in 0..<UInt32(100) {
            report(from: 1_000 + test)
            #expect(receiver.lastSenderReports[1_000 + test] != nil, "test \(test): its SR was refused")
            // The stream ended: only the one still held (none) is kept.
            receiver.retainSources { _ in false }
        }
        #expect(receiver.knownSources.isEmpty)
        #expect(receiver.lastSenderReports.isEmpty)
        #expect(receiver.sourceCNAMEs.isEmpty)
        #expect(receiver.rejections[RTCPRejectionCounter.sourceTableFull] == 0)
        // Kept sources stay, with their SR.
        report(from: 7)
        report(from: 8)
        receiver.retainSources { $0 == 8 }
        #expect(receiver.knownSources == [8])
        #expect(receiver.lastSenderReports[8] != nil && receiver.sourceCNAMEs[8] == "tx8")
    }

    @Test func randomDatagramsNeverCrashAndAreAllAccountedFor() {
        var generator = SplitMix64(seed: 2026)
        var sender = RTCPSenderSide(ssrc: Fixture.senderSSRC, cname: "tx")
        var receiver = RTCPReceiverSide(ssrc: Fixture.receiverSSRC, cname: "rx")
        let valid = RTCPCompound.serialize([
            .receiverReport(ReceiverReport(ssrc: Fixture.receiverSSRC, reportBlocks: [Self.block(about: Fixture.senderSSRC)])),
            .sourceDescription(.cname(ssrc: Fixture.receiverSSRC, "rx")),
            .extendedReport(ExtendedReport(ssrc: Fixture.receiverSSRC, blocks: [.voipMetrics(VoIPMetricsBlock(ssrc: Fixture.senderSSRC))])),
        ])
        var accepted = 0
        for round in 0..<3_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                // Mutate a valid compound: flip a few bytes and maybe truncate.
                bytes = valid
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
            } else {
                bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                if !bytes.isEmpty { bytes[0] = 0x80 | (bytes[0] & 0x3F) }
            }
            let senderOK = sender.process(datagram: bytes, arrival: .milliseconds(round), arrivalNTP: Fixture.srNTP)
            receiver.process(datagram: bytes, arrival: .milliseconds(round), arrivalNTP: Fixture.srNTP)
            if senderOK { accepted += 1 }
        }
        let parseRejections = RTCPParseError.allCases.reduce(0) { $0 + sender.rejections[$1.reason] }
        #expect(accepted + parseRejections == 3_000)
        #expect(sender.compoundsReceived == accepted)
        #expect(accepted > 0 && parseRejections > 0)
    }

    @Test func windowedLossUsesIntervalCountsInsideTheWindow() {
        var sender = RTCPSenderSide(ssrc: Fixture.senderSSRC, cname: "tx", lossWindow: .seconds(5))
        #expect(sender.windowedLossFraction(now: .seconds(1)) == nil)
        func report(_ fraction: UInt8, cumulative: Int32, highest: UInt32, at seconds: Int) {
            sender.process(
                packets: [.receiverReport(ReceiverReport(ssrc: Fixture.receiverSSRC, reportBlocks: [
                    Self.block(about: Fixture.senderSSRC, fraction: fraction, cumulative: cumulative, highest: highest),
                ]))],
                arrival: .seconds(seconds), arrivalNTP: Fixture.srNTP)
        }
        report(64, cumulative: 0, highest: 1_000, at: 1)
        // Only the first report: no interval counts, so its fraction lost (64/256) is used.
        #expect(sender.windowedLossFraction(now: .seconds(1)) == 0.25)
        report(25, cumulative: 5, highest: 1_050, at: 2)
        report(0, cumulative: 5, highest: 1_100, at: 3)
        // Window (−2 s, 3 s]: 5 lost of 50 + 50 expected.
        #expect(sender.windowedLossFraction(now: .seconds(3)) == 0.05)
        report(25, cumulative: 35, highest: 1_400, at: 9)
        // Window (4 s, 9 s]: only the last report, 30 of 300.
        #expect(sender.windowedLossFraction(now: .seconds(9)) == 0.1)
        #expect(sender.windowedLossFraction(now: .seconds(20)) == nil)
        #expect(sender.lastReportArrival == .seconds(9))
        // No LSR in these blocks: no RTT.
        #expect(sender.latestRTT == nil)
    }
}
