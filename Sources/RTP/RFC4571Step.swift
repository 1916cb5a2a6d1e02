/// What an RFC 4571 stream starts with, from ``RFC4571Framing/step(_:)``.
public enum RFC4571Step: Sendable, Hashable {
    /// Not a whole prefix or frame yet: consume nothing and wait for more bytes.
    case needMoreData
    /// A zero-length frame: consume its 2-byte prefix, count it and step again.
    case zeroLengthFrame
    /// A complete frame: its payload is the `payloadBytes` (1...65 535) after the 2-byte prefix;
    /// consume `2 + payloadBytes`.
    case frame(payloadBytes: Int)

    /// Bytes to consume from the front of the stream (0 for ``needMoreData``).
    public var consumedBytes: Int {
        switch self {
        case .needMoreData: 0
        case .zeroLengthFrame: RFC4571Framing.prefixBytes
        case .frame(let payloadBytes): RFC4571Framing.prefixBytes + payloadBytes
        }
    }
}
