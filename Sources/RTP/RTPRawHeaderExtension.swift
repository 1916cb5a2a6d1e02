/// A header extension whose profile is neither RFC 8285 one-byte (0xBEDE) nor two-byte (0x100X).
/// Kept verbatim so it can be forwarded; it is not an error (RFC 3550 §5.3.1).
public struct RTPRawHeaderExtension: Sendable, Hashable {
    /// The 16-bit "defined by profile" field.
    public var profile: UInt16
    /// Extension body; its length is a multiple of 4 bytes when parsed. When serialising, a body
    /// that is not a multiple of 4 is zero-padded; bodies longer than 65535 words are truncated.
    public var data: [UInt8]

    public init(profile: UInt16, data: [UInt8]) {
        self.profile = profile
        self.data = data
    }
}
