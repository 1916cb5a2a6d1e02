import JitterbugSupport
import Testing
@testable import RTP

@Suite("RTP rejection reasons")
struct RTPParseErrorTests {
    static let base = "80 6f 00 01 00 00 00 00 00 00 00 01"

    /// One malformed datagram per rejection reason, with the limits to parse it under.
    static let cases: [(name: String, bytes: [UInt8], limits: RTPParseLimits, expected: RTPParseError)] = [
        ("11 bytes", hex("80 6f 00 01 00 00 00 00 00 00 00"), .default, .tooShort),
        ("empty", [], .default, .tooShort),
        ("version 1", hex("40 6f 00 01 00 00 00 00 00 00 00 01 aa"), .default, .badVersion),
        ("version 0 (STUN-like)", hex("00 01 00 00 21 12 a4 42 00 00 00 00 00 00 00 00"), .default, .badVersion),
        ("1501 bytes", hex(base) + Array(repeating: 0, count: 1489), .default, .oversize),
        ("cap 20", hex(base) + Array(repeating: 0, count: 9), RTPParseLimits(maxPacketBytes: 20), .oversize),
        ("PT 72", hex("80 48 00 01 00 00 00 00 00 00 00 01 aa"), .default, .reservedPayloadType),
        ("PT 76 + marker", hex("80 cc 00 01 00 00 00 00 00 00 00 01 aa"), .default, .reservedPayloadType),
        ("CC=2 with 1 CSRC", hex("82 6f 00 01 00 00 00 00 00 00 00 01 11 11 11 11"), .default, .csrcOverrun),
        ("CC=15 no CSRCs", hex("8f 6f 00 01 00 00 00 00 00 00 00 01 aa"), .default, .csrcOverrun),
        ("X bit, 2 bytes", hex("90 6f 00 01 00 00 00 00 00 00 00 01 be de"), .default, .extensionOverrun),
        ("X length lies", hex("90 6f 00 01 00 00 00 00 00 00 00 01 be de 00 02 10 aa 00 00"), .default,
         .extensionOverrun),
        ("one-byte element overruns", hex("90 6f 00 01 00 00 00 00 00 00 00 01 be de 00 01 1f aa bb cc"),
         .default, .malformedExtension),
        ("two-byte element overruns", hex("90 6f 00 01 00 00 00 00 00 00 00 01 10 00 00 01 01 05 aa bb"),
         .default, .malformedExtension),
        ("two-byte header cut", hex("90 6f 00 01 00 00 00 00 00 00 00 01 10 00 00 01 00 00 00 01"),
         .default, .malformedExtension),
        ("padding count 0", hex("a0 6f 00 01 00 00 00 00 00 00 00 01 aa 00"), .default, .badPadding),
        ("padding beyond payload", hex("a0 6f 00 01 00 00 00 00 00 00 00 01 aa 03"), .default, .badPadding),
        ("padding into header", hex("a0 6f 00 01 00 00 00 00 00 00 00 0d"), .default, .badPadding),
        ("no payload", hex(base), RTPParseLimits(allowsEmptyPayload: false), .emptyPayload),
    ]

    @Test(arguments: cases.indices)
    func rejects(index: Int) {
        let testCase = Self.cases[index]
        #expect(throws: testCase.expected, "\(testCase.name)") {
            try RTPPacket(parsing: testCase.bytes, limits: testCase.limits)
        }
    }

    @Test func everyReasonIsExercised() {
        #expect(Set(Self.cases.map(\.expected)) == Set(RTPParseError.allCases))
    }

    @Test func reasonsAreDistinctSnakeCase() {
        let reasons = RTPParseError.allCases.map(\.reason)
        #expect(Set(reasons).count == reasons.count)
        #expect(RTPParseError.tooShort.reason == "too_short")
        for reason in reasons {
            #expect(reason.allSatisfy { $0.isLowercase || $0 == "_" }, "\(reason)")
        }
    }

    @Test func exactly1500BytesIsAccepted() throws {
        let bytes = hex(Self.base) + Array(repeating: 0, count: 1488)
        #expect(try RTPPacket(parsing: bytes).payload.count == 1488)
    }

    @Test func randomGarbageNeverTraps() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<5000 {
            let length = Int.random(in: 0...64, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if !bytes.isEmpty { bytes[0] = 0x80 | (bytes[0] & 0x3F) }  // Mostly version 2.
            _ = try? RTPPacket(parsing: bytes)
        }
    }
}
