import NIOCore
import RTP

/// Splits an RFC 4571 byte stream into one `ByteBuffer` per RTP/RTCP packet. Use it as
/// `ByteToMessageHandler(RFC4571FrameDecoder(...))`.
///
/// A thin adapter: every framing decision (length prefix, zero-length frames, buffer cap, frame
/// too large for the cap, RTP version check) is ``RFC4571Framing/step(_:)``'s, the code the fuzz
/// target drives. Errors are ``RFC4571Error``s. A skipped zero-length frame is counted in
/// ``zeroLengthFrames`` and announced with a ``ZeroLengthFrame`` user inbound event so handlers
/// further on can count it.
package struct RFC4571FrameDecoder: ByteToMessageDecoder {
    package typealias InboundOut = ByteBuffer

    /// User inbound event fired once per skipped zero-length frame.
    package struct ZeroLengthFrame: Sendable, Hashable {
        package init() {}
    }

    /// Largest frame payload, in bytes.
    package static let maxFrameBytes = RFC4571.maxFrameLength
    /// Bytes of the length prefix.
    package static let prefixBytes = RFC4571Framing.prefixBytes
    /// Default cap: two maximal frames with their prefixes, 2 × 65 537 bytes.
    package static let defaultMaxBufferedBytes = RFC4571Framing.defaultMaxBufferedBytes

    /// The receive rules.
    package let framing: RFC4571Framing
    /// Zero-length frames skipped so far.
    package private(set) var zeroLengthFrames = 0

    package init(maxBufferedBytes: Int = Self.defaultMaxBufferedBytes, requiresRTPVersion2: Bool = true) {
        framing = RFC4571Framing(maxBufferedBytes: maxBufferedBytes, requiresRTPVersion2: requiresRTPVersion2)
    }

    package mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        // Called in a loop after each read is appended, so the cap holds on arrival. A socket read
        // is at most 64 KiB, so valid streams stay under the default cap.
        let step = try framing.step(buffer.readableBytesView)
        switch step {
        case .needMoreData:
            return .needMoreData
        case .zeroLengthFrame:
            buffer.moveReaderIndex(forwardBy: step.consumedBytes)
            zeroLengthFrames += 1
            context.fireUserInboundEventTriggered(ZeroLengthFrame())
        case .frame(let payloadBytes):
            buffer.moveReaderIndex(forwardBy: Self.prefixBytes)
            guard let frame = buffer.readSlice(length: payloadBytes) else { return .needMoreData }
            context.fireChannelRead(Self.wrapInboundOut(frame))
        }
        return .continue
    }

    package mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        // A partial frame left at the end is discarded: nothing can complete it.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
