/// The RFC 4571 receive rules, as pure code: given the bytes not yet consumed from a TCP stream,
/// say what comes next. Both ``RFC4571Deframer`` and the SwiftNIO decoder in the transport call
/// ``step(_:)``; the fuzz target `fuzz-rfc4571` drives the same function with arbitrary splits.
///
/// - Frames are at most 65 535 bytes (the 16-bit prefix cannot say more).
/// - Zero-length frames carry nothing: the caller consumes their prefix and counts them.
/// - At most ``maxBufferedBytes`` (prefix included) may wait for a frame to complete; a prefix
///   announcing a frame that could never fit under that cap fails at once instead of waiting.
/// - With ``requiresRTPVersion2``, a complete frame whose first byte is not RTP/RTCP version 2
///   (`0b10xx_xxxx`) fails: the stream is not RTP (HTTP, TLS, random bytes...).
///
/// Every error means the stream cannot be resynchronised on a frame boundary: close it.
public struct RFC4571Framing: Sendable, Hashable {
    /// Bytes of the length prefix.
    public static let prefixBytes = 2
    /// Default cap: two maximal frames with their prefixes, 2 × 65 537 = 131 074 bytes.
    public static let defaultMaxBufferedBytes = 2 * (RFC4571.maxFrameLength + prefixBytes)

    /// Upper bound, in bytes, on data buffered while waiting for a frame to complete (prefix
    /// included). At least 3 (a prefix and one byte).
    public let maxBufferedBytes: Int
    /// Whether each frame must start with RTP/RTCP version 2.
    public let requiresRTPVersion2: Bool

    public init(maxBufferedBytes: Int = Self.defaultMaxBufferedBytes, requiresRTPVersion2: Bool) {
        self.maxBufferedBytes = max(maxBufferedBytes, Self.prefixBytes + 1)
        self.requiresRTPVersion2 = requiresRTPVersion2
    }

    /// Whether `count` unconsumed bytes may be held.
    public func admits(bufferedBytes count: Int) -> Bool { count <= maxBufferedBytes }

    /// What the unconsumed stream `bytes` starts with.
    /// - Throws: ``RFC4571Error/bufferCapExceeded`` when more than ``maxBufferedBytes`` are held
    ///   or the prefix announces a frame that cannot fit under the cap;
    ///   ``RFC4571Error/notRTPVersion2`` (with ``requiresRTPVersion2``) for a complete non-RTP frame.
    public func step(_ bytes: some RandomAccessCollection<UInt8>) throws(RFC4571Error) -> RFC4571Step {
        guard admits(bufferedBytes: bytes.count) else { throw .bufferCapExceeded }
        guard bytes.count >= Self.prefixBytes else { return .needMoreData }
        let first = bytes.startIndex
        let second = bytes.index(after: first)
        let frameBytes = Int(bytes[first]) << 8 | Int(bytes[second])
        if frameBytes == 0 { return .zeroLengthFrame }
        guard admits(bufferedBytes: Self.prefixBytes + frameBytes) else { throw .bufferCapExceeded }
        guard bytes.count >= Self.prefixBytes + frameBytes else { return .needMoreData }
        if requiresRTPVersion2, bytes[bytes.index(after: second)] >> 6 != 2 { throw .notRTPVersion2 }
        return .frame(payloadBytes: frameBytes)
    }
}
