import JitterbugSupport
import Testing

@testable import SRTP

@Suite struct SRTPKeyMaterialTests {
    @Test func suiteLengthsFollowTheRFCs() {
        #expect(SRTPSuite.aesCM128HMACSHA1_80.keyAndSaltLength == 30)
        #expect(SRTPSuite.aesCM128HMACSHA1_32.keyAndSaltLength == 30)
        #expect(SRTPSuite.aeadAES128GCM.keyAndSaltLength == 28)
        #expect(SRTPSuite.aeadAES128GCM.masterSaltLength == 12)
        #expect(SRTPSuite.allCases.map(\.masterKeyLength) == [16, 16, 16])
        #expect(SRTPSuite.allCases.map(\.rtpTrailerLength) == [10, 4, 16])
        #expect(SRTPSuite.allCases.map(\.rtcpTrailerLength) == [14, 14, 20])
        #expect(SRTPSuite(rawValue: "AES_CM_128_HMAC_SHA1_80") == .aesCM128HMACSHA1_80)
    }

    /// 30 bytes 0x00...0x1d; base64 computed by hand (every 3 bytes give 4 characters).
    @Test func decodesInlineBase64() throws {
        let bytes = (0..<30).map { UInt8($0) }
        let key = try SRTPKeyMaterial(base64: " AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd\n", suite: .aesCM128HMACSHA1_80)
        #expect(key.keyAndSalt == bytes)
        #expect(Array(key.masterKey) == Array(bytes[0..<16]))
        #expect(Array(key.masterSalt) == Array(bytes[16..<30]))
        #expect(key.base64 == "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd")
    }

    /// 29 zero bytes encode as 39 "A" + "=" (9 full groups + 2 bytes); 31 as 42 "A" + "==".
    @Test(arguments: [(String(repeating: "A", count: 39) + "=", 29), (String(repeating: "A", count: 42) + "==", 31)])
    func wrongLengthNamesExpectedAndActualBytes(base64: String, actualBytes: Int) throws {
        let thrown = #expect(throws: SRTPKeyError.self) {
            try SRTPKeyMaterial(base64: base64, suite: .aesCM128HMACSHA1_80)
        }
        let error = try #require(thrown)
        #expect(error == .wrongLength(suite: .aesCM128HMACSHA1_80, actualBytes: actualBytes, expectedBytes: 30))
        let message = "\(error)"
        #expect(message.contains("must decode to 30 bytes"))
        #expect(message.contains("got \(actualBytes)"))
        #expect(message.contains("AES_CM_128_HMAC_SHA1_80"))
    }

    @Test func gcmRejectsA30ByteKey() throws {
        let thirty = try SRTPKeyMaterial(suite: .aesCM128HMACSHA1_80, keyAndSalt: Fixture.referenceKeyCM).base64
        #expect(throws: SRTPKeyError.wrongLength(suite: .aeadAES128GCM, actualBytes: 30, expectedBytes: 28)) {
            try SRTPKeyMaterial(base64: thirty, suite: .aeadAES128GCM)
        }
    }

    @Test(arguments: ["", "   ", "not base64!", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxw"])
    func invalidBase64IsRejected(text: String) {
        #expect(throws: SRTPKeyError.invalidBase64) { try SRTPKeyMaterial(base64: text, suite: .aesCM128HMACSHA1_80) }
    }

    @Test(arguments: SRTPSuite.allCases)
    func generatedKeysDecodeAndDiffer(suite: SRTPSuite) throws {
        var system = AddressableSystemRandom()
        let first = SRTPKeyMaterial.generate(suite: suite, using: &system)
        let second = SRTPKeyMaterial.generate(suite: suite, using: &system)
        #expect(first.keyAndSalt.count == suite.keyAndSaltLength)
        #expect(first != second)
        #expect(first.base64.count == 40)
        #expect(try SRTPKeyMaterial(base64: first.base64, suite: suite) == first)
        // A generated key actually works.
        let packet = Fixture.rtp(sequence: 1, payload: [9, 9, 9])
        #expect(try SRTPSession(role: .receiver, key: first).unprotectRTP(SRTPSession(role: .sender, key: first).protectRTP(packet)) == packet)
    }

    @Test func seededGenerationIsRepeatable() {
        var a = SplitMix64(seed: 42)
        var b = SplitMix64(seed: 42)
        var c = SplitMix64(seed: 43)
        let keyA = SRTPKeyMaterial.generate(suite: .aeadAES128GCM, using: &a)
        #expect(keyA == SRTPKeyMaterial.generate(suite: .aeadAES128GCM, using: &b))
        #expect(keyA != SRTPKeyMaterial.generate(suite: .aeadAES128GCM, using: &c))
    }

    @Test func descriptionRedactsKeyBytes() throws {
        let key = try SRTPKeyMaterial(suite: .aesCM128HMACSHA1_80, keyAndSalt: Fixture.referenceKeyCM)
        #expect("\(key)" == "SRTPKeyMaterial(AES_CM_128_HMAC_SHA1_80, 30 bytes, redacted)")
        #expect(!"\(key)".contains(key.base64))
    }
}

/// The system generator with one byte of storage: a variable of an empty type has no address,
/// and under `-sanitize=thread` the generic `generate(using:)` would report its `inout` access
/// at an undefined pointer (see Sources/jitterbug/SystemRandom.swift).
private struct AddressableSystemRandom: RandomNumberGenerator {
    private var system = SystemRandomNumberGenerator()
    private var addressable: UInt8 = 0

    mutating func next() -> UInt64 { system.next() }
}
