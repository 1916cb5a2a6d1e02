import NIOCore
import RTP

/// Enforces the listener's per-connection time limits and turns framing errors into a counted
/// close. Sits after the `RFC4571FrameDecoder`, so it sees whole frames only.
///
/// One timer per connection: it first fires at accept + first-frame timeout; after that it is
/// re-armed lazily for last frame + idle timeout, so a busy connection costs no timer churn.
final class TCPConnectionGuardHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let state: TCPListenerState
    private let firstFrameTimeout: TimeAmount
    private let idleTimeout: TimeAmount
    private var timer: Scheduled<Void>?
    private var lastFrameAt: NIODeadline?
    private var closing = false

    init(state: TCPListenerState, firstFrameTimeout: Duration, idleTimeout: Duration) {
        self.state = state
        self.firstFrameTimeout = TimeAmount(firstFrameTimeout)
        self.idleTimeout = TimeAmount(idleTimeout)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context: context, at: .now() + firstFrameTimeout) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if timer == nil { arm(context: context, at: .now() + firstFrameTimeout) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        let frame = unwrapInboundIn(data)
        lastFrameAt = .now()
        state.update { counters in
            counters.framesIn += 1
            counters.bytesIn += frame.readableBytes
        }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is RFC4571FrameDecoder.ZeroLengthFrame {
            state.update { $0.zeroLengthFrames += 1 }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let framing = error as? RFC4571Error else {
            context.fireErrorCaught(error)
            return
        }
        // The stream cannot be resynchronised: count once and close; the consumer just sees the
        // connection end.
        closeCounted(context: context) { counters in
            switch framing {
            case .bufferCapExceeded, .frameTooLarge: counters.closedOversize += 1
            case .notRTPVersion2: counters.closedGarbage += 1
            }
        }
    }

    private func arm(context: ChannelHandlerContext, at deadline: NIODeadline) {
        timer?.cancel()
        let loopBoundSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(deadline: deadline) {
            loopBoundSelf.value.timerFired(context: loopBoundContext.value)
        }
    }

    private func timerFired(context: ChannelHandlerContext) {
        timer = nil
        guard let lastFrameAt else {
            closeCounted(context: context) { $0.closedSilent += 1 }
            return
        }
        let expiry = lastFrameAt + idleTimeout
        if expiry <= .now() {
            closeCounted(context: context) { $0.closedIdle += 1 }
        } else {
            arm(context: context, at: expiry)
        }
    }

    private func closeCounted(context: ChannelHandlerContext, _ count: (inout TCPListenerCounters) -> Void) {
        guard !closing else { return }
        closing = true
        timer?.cancel()
        timer = nil
        state.update(count)
        context.close(promise: nil)
    }
}
