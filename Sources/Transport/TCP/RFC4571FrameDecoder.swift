import NIOCore
import RTP

/// Splits an RFC 4571 byte stream (16-bit big-endian length, then that many bytes) into one
/// `ByteBuffer` per RTP/RTCP packet. Use it as `ByteToMessageHandler(RFC4571FrameDecoder(...))`.
///
/// - Frames are at most 65 535 bytes (the prefix cannot say more).
/// - Zero-length frames carry nothing: they are skipped, counted in ``zeroLengthFrames`` and
///   announced with a ``ZeroLengthFrame`` user inbound event so handlers further on can count them.
/// - At most `maxBufferedBytes` bytes may wait for a frame to complete; more throws
///   ``RFC4571FrameDecoderError/bufferCapExceeded`` (peer floods faster than we parse, or the
///   stream is not RFC 4571 and announced a frame that can never fit).
/// - With `requiresRTPVersion2`, a frame whose first byte is not version 2 throws
///   ``RFC4571FrameDecoderError/notRTPVersion2``.
public struct RFC4571FrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    /// User inbound event fired once per skipped zero-length frame.
    public struct ZeroLengthFrame: Sendable, Hashable {
        public init() {}
    }

    /// Largest frame payload, in bytes.
    public static let maxFrameBytes = RFC4571.maxFrameLength
    /// Bytes of the length prefix.
    public static let prefixBytes = 2
    /// Default cap: two maximal frames with their prefixes, 2 × 65 537 bytes.
    public static let defaultMaxBufferedBytes = 2 * (RFC4571.maxFrameLength + prefixBytes)

    /// Upper bound, in bytes, on data buffered while waiting for a frame to complete
    /// (prefix included). At least 3 (a prefix and one byte).
    public let maxBufferedBytes: Int
    /// Whether each frame must start with RTP/RTCP version 2.
    public let requiresRTPVersion2: Bool
    /// Zero-length frames skipped so far.
    public private(set) var zeroLengthFrames = 0

    public init(maxBufferedBytes: Int = Self.defaultMaxBufferedBytes, requiresRTPVersion2: Bool = true) {
        self.maxBufferedBytes = max(maxBufferedBytes, Self.prefixBytes + 1)
        self.requiresRTPVersion2 = requiresRTPVersion2
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        // Checked on every call, so it holds on arrival: the handler appends a whole read and then
        // calls us in a loop. A socket read is at most 64 KiB, so valid streams stay under the
        // default cap (one partial maximal frame plus one read).
        guard buffer.readableBytes <= maxBufferedBytes else {
            throw RFC4571FrameDecoderError.bufferCapExceeded
        }
        guard let length = buffer.getInteger(at: buffer.readerIndex, endianness: .big, as: UInt16.self) else {
            return .needMoreData
        }
        let frameLength = Int(length)
        if frameLength == 0 {
            buffer.moveReaderIndex(forwardBy: Self.prefixBytes)
            zeroLengthFrames += 1
            context.fireUserInboundEventTriggered(ZeroLengthFrame())
            return .continue
        }
        // A frame that cannot fit under the cap can never complete: fail now, not after waiting.
        guard Self.prefixBytes + frameLength <= maxBufferedBytes else {
            throw RFC4571FrameDecoderError.bufferCapExceeded
        }
        guard buffer.readableBytes >= Self.prefixBytes + frameLength else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: Self.prefixBytes)
        guard let frame = buffer.readSlice(length: frameLength) else { return .needMoreData }
        if requiresRTPVersion2, let first = frame.getInteger(at: frame.readerIndex, as: UInt8.self), first >> 6 != 2 {
            throw RFC4571FrameDecoderError.notRTPVersion2
        }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        // A partial frame left at the end is discarded: nothing can complete it.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
