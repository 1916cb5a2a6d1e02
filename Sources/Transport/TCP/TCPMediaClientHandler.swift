import NIOCore

/// The client connection's last handler: keeps ``TCPSendQueue`` informed of connection state and
/// writability, drains it when writable again, and hands received frames to the inbound stream.
final class TCPMediaClientHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let queue: TCPSendQueue
    private let continuation: AsyncStream<[UInt8]>.Continuation

    init(queue: TCPSendQueue, continuation: AsyncStream<[UInt8]>.Continuation) {
        self.queue = queue
        self.continuation = continuation
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { queue.connected(context.channel, writable: context.channel.isWritable) }
    }

    func channelActive(context: ChannelHandlerContext) {
        queue.connected(context.channel, writable: context.channel.isWritable)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        queue.disconnected()
        continuation.finish()
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        let writable = context.channel.isWritable
        queue.setWritable(writable)
        if writable { queue.drain(context.channel) }
        context.fireChannelWritabilityChanged()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        // Counted before the consumer can see the frame, so counters never lag what was read.
        queue.update { $0.framesReceived += 1 }
        if case .dropped = continuation.yield(Array(frame.readableBytesView)) {
            queue.update { $0.inboundQueueDrops += 1 }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is RFC4571FrameDecoder.ZeroLengthFrame {
            queue.update { $0.zeroLengthFramesReceived += 1 }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Framing errors cannot be recovered on a byte stream, and I/O errors end it anyway.
        context.close(promise: nil)
    }
}
