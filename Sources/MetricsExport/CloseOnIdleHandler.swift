import NIOCore

/// Closes a scrape connection that has sent nothing for the `IdleStateHandler`'s read timeout,
/// so clients that connect and stall cannot hold every slot of ``MetricsServer``.
final class CloseOnIdleHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
