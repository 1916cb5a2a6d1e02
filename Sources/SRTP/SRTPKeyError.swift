/// Why key material or an SDP `a=crypto` attribute was rejected. Messages never contain key bytes.
public enum SRTPKeyError: Error, Equatable, Sendable {
    /// The `inline:` value is not valid base64 (RFC 4648 alphabet, with padding).
    case invalidBase64
    /// The decoded key + salt has the wrong number of bytes for the suite.
    case wrongLength(suite: SRTPSuite, actualBytes: Int, expectedBytes: Int)
    /// The crypto-suite name is not one of `SRTPSuite`'s raw values.
    case unknownSuite(String)
    /// The attribute does not follow `a=crypto:<tag> <suite> inline:<key>[|lifetime][|MKI:len]`.
    case malformedAttribute(String)
    /// The attribute asks for something this wrapper does not implement (MKI, several keys,
    /// session parameters such as UNENCRYPTED_SRTP or KDR).
    case unsupportedParameter(String)
}
