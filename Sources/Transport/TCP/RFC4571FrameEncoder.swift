import NIOCore
import RTP

/// Prefixes each outbound `ByteBuffer` with its 16-bit big-endian length (RFC 4571). Use it as
/// `MessageToByteHandler(RFC4571FrameEncoder())`. A payload over 65 535 bytes fails the write
/// with `RFC4571Error.frameTooLarge`; nothing is sent for it.
package struct RFC4571FrameEncoder: MessageToByteEncoder {
    package typealias OutboundIn = ByteBuffer

    package init() {}

    package func encode(data: ByteBuffer, out: inout ByteBuffer) throws {
        guard data.readableBytes <= RFC4571.maxFrameLength else { throw RFC4571Error.frameTooLarge }
        out.writeInteger(UInt16(data.readableBytes), endianness: .big)
        var payload = data
        out.writeBuffer(&payload)
    }
}
