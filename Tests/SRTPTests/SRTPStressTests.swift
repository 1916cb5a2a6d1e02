import Testing

@testable import SRTP

@Suite struct SRTPStressTests {
    /// 10,000 RTP and 10,000 RTCP protect/unprotect cycles on one pair of sessions, crossing a
    /// sequence-number wrap (rollover counter) on the way. Run under a leak checker
    /// (e.g. `valgrind --leak-check=full`) to see that buffers and stream state are not leaked.
    @Test func tenThousandCyclesRoundTrip() throws {
        let key = try Fixture.key(.aesCM128HMACSHA1_80, fill: 0x6b)
        let sender = try SRTPSession(role: .sender, key: key)
        let receiver = try SRTPSession(role: .receiver, key: key)
        let payload = Fixture.payload(count: 120, seed: 3)
        var sequence: UInt16 = 60_000
        for cycle in 0..<10_000 {
            let packet = Fixture.rtp(sequence: sequence, timestamp: UInt32(cycle) * 960, payload: payload)
            let recovered = try receiver.unprotectRTP(sender.protectRTP(packet))
            guard recovered == packet else {
                Issue.record("cycle \(cycle) (seq \(sequence)) did not round-trip")
                return
            }
            let report = Fixture.rtcpSenderReport(ssrc: 0x1234_5678, packetCount: UInt32(cycle))
            guard try receiver.unprotectRTCP(sender.protectRTCP(report)) == report else {
                Issue.record("RTCP cycle \(cycle) did not round-trip")
                return
            }
            sequence &+= 1
        }
        #expect(sequence == UInt16((60_000 + 10_000) % 65_536), "the sequence number wrapped")
    }

    /// Sessions are freed in deinit; creating and dropping many must neither crash nor fail.
    @Test func createAndDropManySessions() throws {
        let key = try Fixture.key(.aeadAES128GCM, fill: 0x01)
        for index in 0..<1_000 {
            let session = try SRTPSession(role: index.isMultiple(of: 2) ? .sender : .receiver, key: key)
            if session.role == .sender {
                _ = try session.protectRTP(Fixture.rtp(sequence: 1, payload: [1]))
            }
        }
    }

    /// One sender session shared by four tasks (distinct SSRCs): the internal mutex serialises
    /// libsrtp, so every packet comes out intact.
    @Test func sharedSessionIsSafeAcrossTasks() async throws {
        let key = try Fixture.key(.aesCM128HMACSHA1_32, fill: 0x77)
        let sender = try SRTPSession(role: .sender, key: key)
        let receiver = try SRTPSession(role: .receiver, key: key)
        let protected = try await withThrowingTaskGroup(of: [[UInt8]].self) { group in
            for stream in UInt32(1)...4 {
                group.addTask {
                    try (UInt16(0)..<250).map { sequence throws(SRTPError) in
                        try sender.protectRTP(Fixture.rtp(sequence: sequence, ssrc: stream, payload: Fixture.payload(count: 50, seed: Int(stream))))
                    }
                }
            }
            var all: [[UInt8]] = []
            for try await batch in group { all += batch }
            return all
        }
        #expect(protected.count == 1_000)
        var recovered = 0
        for packet in protected {
            _ = try receiver.unprotectRTP(packet)
            recovered += 1
        }
        #expect(recovered == 1_000)
    }
}
