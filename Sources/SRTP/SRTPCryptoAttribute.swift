/// An SDP security-description attribute (RFC 4568 section 9.1) carrying one inline key:
/// `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:<base64 key||salt>`.
///
/// Parsing accepts an optional `|lifetime` (`2^31` or decimal; read and kept, not enforced) and
/// rejects what this wrapper cannot honour: an MKI, several keys, and session parameters such as
/// `UNENCRYPTED_SRTP`, `KDR=` or `WSH=`.
public struct SRTPCryptoAttribute: Equatable, Sendable {
    /// Largest tag RFC 4568 allows (1*9DIGIT).
    public static let maximumTag = 999_999_999

    /// Identifies this offer among several `a=crypto` lines; 0...999,999,999.
    public let tag: Int
    /// The key and, through it, the suite.
    public let key: SRTPKeyMaterial
    /// Key lifetime from the `|lifetime` field, in packets; `nil` when absent.
    public let lifetimePackets: UInt64?

    /// The suite of `key`.
    public var suite: SRTPSuite { key.suite }

    /// Builds an attribute; `tag` is clamped to 0...999,999,999.
    public init(tag: Int = 1, key: SRTPKeyMaterial, lifetimePackets: UInt64? = nil) {
        self.tag = min(max(tag, 0), Self.maximumTag)
        self.key = key
        self.lifetimePackets = lifetimePackets
    }

    /// The SDP line without a line terminator, e.g.
    /// `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz`.
    public var attributeLine: String {
        "a=crypto:\(tag) \(suite.rawValue) inline:\(key.base64)"
    }

    /// `a=crypto:<tag> <suite> inline:<base64 key||salt>` for `key` (RFC 4568 section 9.1).
    public static func cryptoAttribute(tag: Int = 1, key: SRTPKeyMaterial) -> String {
        SRTPCryptoAttribute(tag: tag, key: key).attributeLine
    }

    /// Parses one attribute, with or without the leading `a=`; surrounding whitespace and a
    /// trailing CRLF are ignored.
    /// - Throws: `SRTPKeyError.malformedAttribute`, `.unknownSuite`, `.invalidBase64`,
    ///   `.wrongLength` (decoded vs expected bytes) or `.unsupportedParameter`.
    public init(parsing line: String) throws(SRTPKeyError) {
        var text = Substring(line).drop(while: \.isWhitespace)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        if text.hasPrefix("a=") { text = text.dropFirst(2) }
        guard text.hasPrefix("crypto:") else { throw .malformedAttribute("expected 'a=crypto:'") }
        text = text.dropFirst("crypto:".count)

        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 3 else {
            throw .malformedAttribute("expected '<tag> <crypto-suite> inline:<key>'")
        }
        guard fields[0].count <= 9, fields[0].allSatisfy(\.isASCIIDigit), let tag = Int(fields[0]) else {
            throw .malformedAttribute("tag must be 1 to 9 digits")
        }
        guard let suite = SRTPSuite(rawValue: String(fields[1])) else {
            throw .unknownSuite(String(fields[1]))
        }
        if fields.count > 3 {
            // Session parameters change how SRTP runs (RFC 4568 section 6.3); ignoring them silently
            // would break interop in ways that only show up as authentication failures.
            throw .unsupportedParameter(String(fields[3].prefix(while: { $0 != "=" })))
        }

        let keyParameters = fields[2]
        guard !keyParameters.contains(";") else { throw .unsupportedParameter("multiple key-params") }
        guard keyParameters.lowercased().hasPrefix("inline:") else {
            throw .malformedAttribute("key method must be 'inline:'")
        }
        let parts = keyParameters.dropFirst("inline:".count).split(separator: "|", omittingEmptySubsequences: false)
        // parts[0] always exists: split without omitting empties yields at least one element.
        let key = try SRTPKeyMaterial(base64: String(parts[0]), suite: suite)

        var lifetimePackets: UInt64?
        for extra in parts.dropFirst() {
            if extra.contains(":") { throw .unsupportedParameter("MKI") }
            guard lifetimePackets == nil, let lifetime = Self.parseLifetime(extra) else {
                throw .malformedAttribute("bad key lifetime")
            }
            lifetimePackets = lifetime
        }
        self.init(tag: tag, key: key, lifetimePackets: lifetimePackets)
    }

    /// `2^n` (n ≤ 63) or a decimal packet count.
    private static func parseLifetime(_ text: Substring) -> UInt64? {
        if text.hasPrefix("2^") {
            guard let exponent = UInt64(text.dropFirst(2)), exponent <= 63 else { return nil }
            return UInt64(1) << exponent
        }
        return UInt64(text)
    }
}

extension Character {
    /// 0-9 only (`isNumber` would accept other scripts' digits and fractions).
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
