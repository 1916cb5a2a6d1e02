import JitterbugSupport
import Testing
@testable import RTP

@Suite("RTCP rejection reasons")
struct RTCPParseErrorTests {
    static let sr = RTCPCompoundTests.senderReport

    static let cases: [(name: String, bytes: [UInt8], expected: RTCPParseError)] = [
        ("empty", [], .tooShort),
        ("3 trailing bytes", sr + [0x80, 0xc9, 0x00], .tooShort),
        ("version 1", hex("40 c8 00 06") + Array(sr.dropFirst(4)), .badVersion),
        ("second packet version 0", sr + hex("01 c9 00 01 00 00 00 01"), .badVersion),
        ("length lies (7 words, 6 present)", hex("80 c8 00 07") + Array(sr.dropFirst(4)), .lengthOverrun),
        ("length 0xffff", hex("80 c9 ff ff 00 00 00 01"), .lengthOverrun),
        ("truncated datagram", Array(sr.prefix(20)), .lengthOverrun),
        ("padding not last", hex("a1 cb 00 02 00 00 00 2a 00 00 00 04") + sr, .paddingNotLast),
        ("padding count 0", hex("a1 cb 00 02 00 00 00 2a 00 00 00 00"), .badPadding),
        ("padding > body", hex("a1 cb 00 02 00 00 00 2a 00 00 00 09"), .badPadding),
        ("SR with RC=1 but no block", hex("81 c8 00 06") + Array(sr.dropFirst(4)), .truncatedReport),
        ("RR without SSRC", hex("80 c9 00 00"), .truncatedReport),
        ("RR RC=2 with one block", hex("82 c9 00 07 00 00 00 01") + Array(repeating: 0, count: 24),
         .truncatedReport),
        ("SDES item length lies", hex("81 ca 00 02 00 00 00 01 01 09 61 62"), .malformedSourceDescription),
        ("SDES missing null", hex("81 ca 00 02 00 00 00 01 01 02 61 62"), .malformedSourceDescription),
        ("SDES SC=2, one chunk", hex("82 ca 00 02 00 00 00 01 01 01 61 00"), .malformedSourceDescription),
        ("BYE SC=2, one SSRC", hex("82 cb 00 01 00 00 00 01"), .malformedGoodbye),
        ("BYE reason length lies", hex("81 cb 00 02 00 00 00 01 09 61 62 63"), .malformedGoodbye),
        ("XR without SSRC", hex("80 cf 00 00"), .malformedExtendedReport),
        ("XR block length lies", hex("80 cf 00 02 00 00 00 01 07 00 00 08"), .malformedExtendedReport),
        ("XR VoIP block cut short", hex("80 cf 00 03 00 00 00 01 07 00 00 08 00 00 00 01"),
         .malformedExtendedReport),
    ]

    @Test(arguments: cases.indices)
    func rejects(index: Int) {
        let testCase = Self.cases[index]
        #expect(throws: testCase.expected, "\(testCase.name)") { try RTCPCompound.parse(testCase.bytes) }
    }

    @Test func everyReasonIsExercised() {
        #expect(Set(Self.cases.map(\.expected)) == Set(RTCPParseError.allCases))
    }

    @Test func reasonsAreDistinct() {
        let reasons = RTCPParseError.allCases.map(\.reason)
        #expect(Set(reasons).count == reasons.count)
        #expect(RTCPParseError.lengthOverrun.reason == "length_overrun")
    }

    @Test func randomGarbageNeverTraps() {
        var generator = SplitMix64(seed: 11)
        let valid = RTCPCompoundTests.senderReport + RTCPCompoundTests.sdes
        for _ in 0..<5000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            bytes.removeLast(Int.random(in: 0...8, using: &generator))
            _ = try? RTCPCompound.parse(bytes)
        }
    }
}
