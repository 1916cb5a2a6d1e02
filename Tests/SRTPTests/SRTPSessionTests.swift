import Testing

@testable import SRTP

@Suite struct SRTPSessionTests {
    @Test(arguments: SRTPSuite.allCases)
    func rtpRoundTripAddsExactlyTheTag(suite: SRTPSuite) throws {
        let key = try Fixture.key(suite, fill: 0x42)
        let sender = try SRTPSession(role: .sender, key: key)
        let receiver = try SRTPSession(role: .receiver, key: key)
        for sequence in UInt16(1000)..<1010 {
            let packet = Fixture.rtp(sequence: sequence, timestamp: UInt32(sequence) * 960, payload: Fixture.payload(count: 80, seed: Int(sequence)))
            let protected = try sender.protectRTP(packet)
            #expect(protected.count == packet.count + suite.rtpTrailerLength)
            #expect(protected.prefix(12) == packet.prefix(12), "RTP header stays in the clear")
            #expect(protected[12..<92] != packet[12...], "payload is encrypted")
            #expect(try receiver.unprotectRTP(protected) == packet)
        }
    }

    @Test(arguments: SRTPSuite.allCases)
    func rtcpRoundTripAddsIndexAndTag(suite: SRTPSuite) throws {
        let key = try Fixture.key(suite, fill: 0x17)
        let sender = try SRTPSession(role: .sender, key: key)
        let receiver = try SRTPSession(role: .receiver, key: key)
        for count in UInt32(1)...5 {
            let report = Fixture.rtcpSenderReport(ssrc: 0x1234_5678, packetCount: count)
            let protected = try sender.protectRTCP(report)
            #expect(protected.count == report.count + suite.rtcpTrailerLength)
            #expect(protected.prefix(8) == report.prefix(8), "first 8 bytes stay in the clear")
            #expect(try receiver.unprotectRTCP(protected) == report)
        }
    }

    /// The same key used both ways: the sender protects RTP and unprotects the receiver's RTCP
    /// reports, which is how the streaming pipeline will use one session per side.
    @Test func oneKeyServesBothDirections() throws {
        let key = try Fixture.key(.aesCM128HMACSHA1_80, fill: 0x5a)
        let sender = try SRTPSession(role: .sender, key: key)
        let receiver = try SRTPSession(role: .receiver, key: key)
        let media = Fixture.rtp(sequence: 1, ssrc: 0xaaaa_0001, payload: Fixture.payload(count: 40, seed: 1))
        #expect(try receiver.unprotectRTP(sender.protectRTP(media)) == media)
        let report = Fixture.rtcpReceiverReport(ssrc: 0xbbbb_0002)
        #expect(try sender.unprotectRTCP(receiver.protectRTCP(report)) == report)
    }

    @Test(arguments: SRTPSuite.allCases)
    func flippedPayloadBitIsCountedAsAuthFail(suite: SRTPSuite) throws {
        let key = try Fixture.key(suite, fill: 0x99)
        let sender = try SRTPSession(role: .sender, key: key)
        let receiver = try SRTPSession(role: .receiver, key: key)
        var counter = RejectionCounter()

        var tampered = try sender.protectRTP(Fixture.rtp(sequence: 7, payload: Fixture.payload(count: 60, seed: 7)))
        tampered[20] ^= 0x01
        #expect(counter.attempt { () throws(SRTPError) in try receiver.unprotectRTP(tampered) } == nil)

        var tamperedReport = try sender.protectRTCP(Fixture.rtcpSenderReport(ssrc: 0x1234_5678, packetCount: 3))
        tamperedReport[10] ^= 0x80
        #expect(counter.attempt { () throws(SRTPError) in try receiver.unprotectRTCP(tamperedReport) } == nil)

        #expect(counter["auth_fail"] == 2)
        #expect(counter.counts.count == 1, "no other reason was counted")

        // A failed packet must not poison the stream: the next genuine packet still decrypts.
        let good = Fixture.rtp(sequence: 8, payload: Fixture.payload(count: 60, seed: 8))
        #expect(try receiver.unprotectRTP(sender.protectRTP(good)) == good)
    }

    @Test(arguments: SRTPSuite.allCases)
    func differentKeyIsAuthFail(suite: SRTPSuite) throws {
        let sender = try SRTPSession(role: .sender, key: Fixture.key(suite, fill: 0x01))
        let wrongReceiver = try SRTPSession(role: .receiver, key: Fixture.key(suite, fill: 0x02))
        let protected = try sender.protectRTP(Fixture.rtp(sequence: 1, payload: Fixture.payload(count: 20, seed: 1)))
        #expect(throws: SRTPError.authenticationFailed) { try wrongReceiver.unprotectRTP(protected) }
        let report = try sender.protectRTCP(Fixture.rtcpReceiverReport(ssrc: 9))
        #expect(throws: SRTPError.authenticationFailed) { try wrongReceiver.unprotectRTCP(report) }
    }

    @Test func replayedPacketIsCountedAsReplayFail() throws {
        let key = try Fixture.key(.aesCM128HMACSHA1_80, fill: 0x33)
        let sender = try SRTPSession(role: .sender, key: key)
        let receiver = try SRTPSession(role: .receiver, key: key)
        var counter = RejectionCounter()

        let protected = try sender.protectRTP(Fixture.rtp(sequence: 500, payload: Fixture.payload(count: 30, seed: 5)))
        #expect(counter.attempt { () throws(SRTPError) in try receiver.unprotectRTP(protected) } != nil)
        #expect(counter.attempt { () throws(SRTPError) in try receiver.unprotectRTP(protected) } == nil)

        let report = try sender.protectRTCP(Fixture.rtcpReceiverReport(ssrc: 0x1234_5678))
        #expect(counter.attempt { () throws(SRTPError) in try receiver.unprotectRTCP(report) } != nil)
        #expect(counter.attempt { () throws(SRTPError) in try receiver.unprotectRTCP(report) } == nil)

        #expect(counter["replay_fail"] == 2)
        #expect(counter.counts.count == 1)
    }

    /// Window 64: after index 199, index 150 (49 back, unseen) is accepted; index 100 (99 back)
    /// falls outside the window and is rejected as a replay (libsrtp's replay_old).
    @Test func packetOlderThanReplayWindowIsReplayFail() throws {
        let key = try Fixture.key(.aeadAES128GCM, fill: 0x44)
        let sender = try SRTPSession(role: .sender, key: key)
        let receiver = try SRTPSession(role: .receiver, key: key, replayWindowPackets: 64)
        #expect(receiver.replayWindowPackets == 64)
        var protected: [[UInt8]] = []
        for sequence in UInt16(0)..<200 {
            protected.append(try sender.protectRTP(Fixture.rtp(sequence: sequence, payload: Fixture.payload(count: 20, seed: Int(sequence)))))
        }
        _ = try receiver.unprotectRTP(protected[199])
        _ = try receiver.unprotectRTP(protected[150])
        #expect(throws: SRTPError.replayed) { try receiver.unprotectRTP(protected[100]) }
        #expect(SRTPError.replayed.reason == "replay_fail")

        // The default window (1024) accepts the same 99-packet-old packet.
        let wide = try SRTPSession(role: .receiver, key: key)
        _ = try wide.unprotectRTP(protected[199])
        _ = try wide.unprotectRTP(protected[100])
    }

    @Test func protectingTheSameSequenceTwiceIsReplayFail() throws {
        let sender = try SRTPSession(role: .sender, key: Fixture.key(.aesCM128HMACSHA1_80, fill: 0x21))
        let packet = Fixture.rtp(sequence: 9, payload: [1, 2, 3])
        _ = try sender.protectRTP(packet)
        #expect(throws: SRTPError.replayed) { try sender.protectRTP(packet) }
    }

    @Test func shortPacketsAreTooShort() throws {
        let key = try Fixture.key(.aeadAES128GCM, fill: 0x10)
        let sender = try SRTPSession(role: .sender, key: key)
        let receiver = try SRTPSession(role: .receiver, key: key)
        #expect(throws: SRTPError.tooShort(byteCount: 11, minimumBytes: 12)) {
            try sender.protectRTP([UInt8](repeating: 0x80, count: 11))
        }
        #expect(throws: SRTPError.tooShort(byteCount: 27, minimumBytes: 28)) {
            try receiver.unprotectRTP(Fixture.rtp(sequence: 1, payload: [UInt8](repeating: 0, count: 15)))
        }
        #expect(throws: SRTPError.tooShort(byteCount: 7, minimumBytes: 8)) {
            try sender.protectRTCP([0x80, 201, 0, 1, 0, 0, 0])
        }
        #expect(throws: SRTPError.tooShort(byteCount: 0, minimumBytes: 28)) { try receiver.unprotectRTCP([]) }
        #expect(SRTPError.tooShort(byteCount: 0, minimumBytes: 1).reason == "too_short")
    }

    @Test func oversizedPacketIsTooLong() throws {
        let sender = try SRTPSession(role: .sender, key: Fixture.key(.aesCM128HMACSHA1_80, fill: 0x10))
        let huge = Fixture.rtp(sequence: 1, payload: [UInt8](repeating: 0, count: SRTPSession.maximumPacketLength))
        #expect(throws: SRTPError.tooLong(byteCount: huge.count, maximumBytes: 65_535)) { try sender.protectRTP(huge) }
    }

    /// CC=15 promises 60 bytes of CSRCs that are not there; libsrtp must refuse, not read past the end.
    @Test func headerRunningPastTheEndIsRejected() throws {
        let sender = try SRTPSession(role: .sender, key: Fixture.key(.aesCM128HMACSHA1_80, fill: 0x10))
        var packet = Fixture.rtp(sequence: 1, payload: [1, 2, 3, 4])
        packet[0] = 0x8f
        #expect(throws: SRTPError.badParameter) { try sender.protectRTP(packet) }
    }

    @Test(arguments: [0, 63, 0x8000, -1])
    func replayWindowOutsideLibsrtpRangeIsBadParam(window: Int) throws {
        let key = try Fixture.key(.aesCM128HMACSHA1_80, fill: 0x10)
        #expect(throws: SRTPError.badParameter) { try SRTPSession(role: .receiver, key: key, replayWindowPackets: window) }
    }

    @Test func replayWindowBoundsAreAccepted() throws {
        let key = try Fixture.key(.aesCM128HMACSHA1_80, fill: 0x10)
        _ = try SRTPSession(role: .receiver, key: key, replayWindowPackets: 64)
        _ = try SRTPSession(role: .receiver, key: key, replayWindowPackets: 0x7fff)
    }

    @Test func errorReasonsAreCounterLabels() {
        #expect(SRTPError(status: 7) == .authenticationFailed)
        #expect(SRTPError(status: 9) == .replayed)
        #expect(SRTPError(status: 10) == .replayed)
        #expect(SRTPError(status: 2) == .badParameter)
        #expect(SRTPError(status: 8).reason == "srtp_error_8")
        #expect(SRTPError.authenticationFailed.reason == "auth_fail")
        #expect(SRTPError.badParameter.reason == "bad_param")
    }
}
