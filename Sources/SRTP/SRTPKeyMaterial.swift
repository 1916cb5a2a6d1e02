#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An SRTP master key followed by its master salt, bound to the suite whose lengths it satisfies.
///
/// This is the `inline:` key-salt of RFC 4568 section 6.1: 30 bytes (16 + 14) for the AES-CM
/// suites, 28 bytes (16 + 12) for AEAD_AES_128_GCM. `description` never prints key bytes.
public struct SRTPKeyMaterial: Equatable, Sendable {
    /// The suite these bytes are sized for.
    public let suite: SRTPSuite
    /// Master key then master salt; exactly `suite.keyAndSaltLength` bytes.
    public let keyAndSalt: [UInt8]

    /// Wraps raw key + salt bytes.
    /// - Throws: `SRTPKeyError.wrongLength` unless `keyAndSalt.count == suite.keyAndSaltLength`.
    public init(suite: SRTPSuite, keyAndSalt: [UInt8]) throws(SRTPKeyError) {
        guard keyAndSalt.count == suite.keyAndSaltLength else {
            throw .wrongLength(suite: suite, actualBytes: keyAndSalt.count, expectedBytes: suite.keyAndSaltLength)
        }
        self.suite = suite
        self.keyAndSalt = keyAndSalt
    }

    /// Decodes the RFC 4568 `inline:` form: standard base64 (RFC 4648, padded) of key || salt.
    /// Surrounding whitespace is ignored.
    /// - Throws: `SRTPKeyError.invalidBase64`, or `.wrongLength` naming the decoded and expected
    ///   byte counts (for example 29 vs 30).
    public init(base64: String, suite: SRTPSuite) throws(SRTPKeyError) {
        let trimmed = String(base64.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        guard !trimmed.isEmpty, let data = Data(base64Encoded: trimmed) else {
            throw .invalidBase64
        }
        try self.init(suite: suite, keyAndSalt: [UInt8](data))
    }

    /// Draws fresh key + salt bytes from `generator`.
    ///
    /// Use `SystemRandomNumberGenerator` for real keys (it is cryptographically secure on Linux
    /// and Darwin); tests may pass a seeded generator.
    public static func generate(suite: SRTPSuite, using generator: inout some RandomNumberGenerator) -> SRTPKeyMaterial {
        let count = suite.keyAndSaltLength
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            var word: UInt64 = generator.next()
            for _ in 0..<8 where bytes.count < count {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        // The length is correct by construction, so the throwing initialiser cannot fail.
        return SRTPKeyMaterial(validatedSuite: suite, keyAndSalt: bytes)
    }

    /// The RFC 4568 `inline:` form: padded standard base64 of key || salt (40 characters for
    /// every supported suite).
    public var base64: String { Data(keyAndSalt).base64EncodedString() }

    /// The first `suite.masterKeyLength` bytes.
    public var masterKey: ArraySlice<UInt8> { keyAndSalt.prefix(suite.masterKeyLength) }

    /// The last `suite.masterSaltLength` bytes.
    public var masterSalt: ArraySlice<UInt8> { keyAndSalt.suffix(suite.masterSaltLength) }

    private init(validatedSuite suite: SRTPSuite, keyAndSalt: [UInt8]) {
        self.suite = suite
        self.keyAndSalt = keyAndSalt
    }
}
