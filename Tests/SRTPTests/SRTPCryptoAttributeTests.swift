import JitterbugSupport
import Testing

@testable import SRTP

@Suite struct SRTPCryptoAttributeTests {
    static let base64CM = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd"

    @Test func formatsRFC4568Line() throws {
        let key = try SRTPKeyMaterial(base64: Self.base64CM, suite: .aesCM128HMACSHA1_80)
        #expect(SRTPCryptoAttribute.cryptoAttribute(key: key) == "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(Self.base64CM)")
        #expect(SRTPCryptoAttribute.cryptoAttribute(tag: 7, key: key) == "a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:\(Self.base64CM)")
    }

    @Test(arguments: SRTPSuite.allCases)
    func formatThenParseRoundTrips(suite: SRTPSuite) throws {
        var generator = SplitMix64(seed: 7)
        let key = SRTPKeyMaterial.generate(suite: suite, using: &generator)
        let parsed = try SRTPCryptoAttribute(parsing: SRTPCryptoAttribute.cryptoAttribute(tag: 3, key: key) + "\r\n")
        #expect(parsed.tag == 3)
        #expect(parsed.suite == suite)
        #expect(parsed.key == key)
        #expect(parsed.lifetimePackets == nil)
    }

    @Test func parsesWithoutPrefixAndWithLifetime() throws {
        let parsed = try SRTPCryptoAttribute(parsing: "crypto:1 AES_CM_128_HMAC_SHA1_32 inline:\(Self.base64CM)|2^20")
        #expect(parsed.suite == .aesCM128HMACSHA1_32)
        #expect(parsed.lifetimePackets == 1_048_576)
        let decimal = try SRTPCryptoAttribute(parsing: "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:\(Self.base64CM)|1000")
        #expect(decimal.lifetimePackets == 1000)
    }

    @Test func wrongKeyLengthInAttributeNamesBothLengths() {
        let gcmKey = String(repeating: "A", count: 38) + "=="  // 28 bytes
        #expect(throws: SRTPKeyError.wrongLength(suite: .aesCM128HMACSHA1_80, actualBytes: 28, expectedBytes: 30)) {
            try SRTPCryptoAttribute(parsing: "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(gcmKey)")
        }
        #expect(throws: Never.self) { try SRTPCryptoAttribute(parsing: "a=crypto:1 AEAD_AES_128_GCM inline:\(gcmKey)") }
    }

    @Test func rejectsUnknownSuite() {
        #expect(throws: SRTPKeyError.unknownSuite("F8_128_HMAC_SHA1_80")) {
            try SRTPCryptoAttribute(parsing: "a=crypto:1 F8_128_HMAC_SHA1_80 inline:\(Self.base64CM)")
        }
    }

    @Test(arguments: [
        "a=rtpmap:111 opus/48000/2",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80",
        "a=crypto:x AES_CM_128_HMAC_SHA1_80 inline:\(base64CM)",
        "a=crypto:1234567890 AES_CM_128_HMAC_SHA1_80 inline:\(base64CM)",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 uri:\(base64CM)",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(base64CM)|2^99",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(base64CM)|100|200",
    ])
    func rejectsMalformedAttributes(line: String) {
        #expect {
            try SRTPCryptoAttribute(parsing: line)
        } throws: { error in
            if case .malformedAttribute = error as? SRTPKeyError { true } else { false }
        }
    }

    @Test(arguments: [
        ("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(base64CM)|2^20|1:4", "MKI"),
        ("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(base64CM);inline:\(base64CM)", "multiple key-params"),
        ("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(base64CM) UNENCRYPTED_SRTP", "UNENCRYPTED_SRTP"),
        ("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:\(base64CM) KDR=1", "KDR"),
    ])
    func rejectsUnsupportedParameters(line: String, parameter: String) {
        #expect(throws: SRTPKeyError.unsupportedParameter(parameter)) { try SRTPCryptoAttribute(parsing: line) }
    }
}
