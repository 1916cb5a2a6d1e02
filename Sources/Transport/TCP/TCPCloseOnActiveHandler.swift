import NIOCore

/// Closes its channel as soon as it is active: how a connection over the listener's limit is
/// "accepted and closed at once" without ever reading from it.
final class TCPCloseOnActiveHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { context.close(promise: nil) }
    }

    func channelActive(context: ChannelHandlerContext) {
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}
