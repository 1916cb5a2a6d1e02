/// An SRTP crypto suite, named as in SDP security descriptions (RFC 4568 section 6.2, RFC 7714
/// section 12). The raw value is the SDP name.
public enum SRTPSuite: String, CaseIterable, Sendable {
    /// AES-128 counter mode with an 80-bit HMAC-SHA1 tag (RFC 3711 default; RFC 4568 section 6.2.1).
    case aesCM128HMACSHA1_80 = "AES_CM_128_HMAC_SHA1_80"
    /// AES-128 counter mode with a 32-bit HMAC-SHA1 tag on SRTP; SRTCP still uses 80 bits
    /// (RFC 4568 section 6.2.2).
    case aesCM128HMACSHA1_32 = "AES_CM_128_HMAC_SHA1_32"
    /// AES-128 in Galois/Counter Mode with a 16-byte tag on SRTP and SRTCP (RFC 7714).
    case aeadAES128GCM = "AEAD_AES_128_GCM"

    /// Length of the master key, in bytes (AES-128: 16).
    public var masterKeyLength: Int { 16 }

    /// Length of the master salt, in bytes: 14 for AES-CM (RFC 3711), 12 for AES-GCM (RFC 7714).
    public var masterSaltLength: Int {
        switch self {
        case .aesCM128HMACSHA1_80, .aesCM128HMACSHA1_32: 14
        case .aeadAES128GCM: 12
        }
    }

    /// Length of the concatenated master key and salt carried in `inline:`, in bytes (30 or 28).
    public var keyAndSaltLength: Int { masterKeyLength + masterSaltLength }

    /// Bytes appended to each SRTP packet: the authentication tag (10, 4 or 16). No MKI is used.
    public var rtpTrailerLength: Int {
        switch self {
        case .aesCM128HMACSHA1_80: 10
        case .aesCM128HMACSHA1_32: 4
        case .aeadAES128GCM: 16
        }
    }

    /// Bytes appended to each SRTCP packet: the 4-byte E flag + SRTCP index, then the tag
    /// (80-bit for both AES-CM suites, 16 bytes for GCM), so 14 or 20.
    public var rtcpTrailerLength: Int {
        switch self {
        case .aesCM128HMACSHA1_80, .aesCM128HMACSHA1_32: 4 + 10
        case .aeadAES128GCM: 4 + 16
        }
    }
}
