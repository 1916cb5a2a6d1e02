import Pipelines
import RTP
import Synchronization
import Transport

/// An in-memory ``SenderNetwork``: a UDP leg that can be blackholed, a TCP leg that can refuse
/// to connect, drop once and come back, or write slowly; both deliver to a ``FakeReceiver``.
/// Time moves only through ``tick(now:)`` (from a ``TickingClock``).
final class FakeSenderNetwork: SenderNetwork, Sendable {
    struct Script: Sendable {
        /// UDP datagrams sent while this holds are lost on the way.
        var udpBlackholed: @Sendable (Duration) -> Bool = { _ in false }
        /// UDP datagrams sent while this holds are refused by the local kernel (a firewall's
        /// EPERM): the send throws.
        var udpRefused: @Sendable (Duration) -> Bool = { _ in false }
        /// Receiver reports sent by UDP while this holds are lost on the way back.
        var udpReturnBlocked: @Sendable (Duration) -> Bool = { _ in false }
        var tcpRefusesConnection = false
        /// With `tcpRefusesConnection`: a TCP listener appears at this time (a standby's quiet
        /// retry then connects).
        var tcpListensFrom: Duration?
        /// The TCP connection drops at this time, and is made again `reconnectAfter` later.
        var tcpDropsAt: Duration?
        var reconnectAfter: Duration = .milliseconds(500)
        /// How long a frame sent at a time takes to reach the socket.
        var tcpWriteDelay: @Sendable (Duration) -> Duration = { _ in .zero }
    }

    private struct State {
        var now: Duration = .zero
        /// Where the sender takes RTCP from each leg.
        var rtcp: (@Sendable ([UInt8]) -> Void)?
        var tcpRTCP: (@Sendable ([UInt8]) -> Void)?
        var onEvent: (@Sendable (TCPConnectionEvent) -> Void)?
        var udpDatagrams: [[UInt8]] = []
        var udpTimes: [Duration] = []
        var udpRTCP: [[UInt8]] = []
        var udpRefusals = 0
        var tcpFrames: [[UInt8]] = []
        var connected = false
        var connectedSince: Duration = .zero
        var connections = 0
        var reconnectAt: Duration?
        var dropped = false
        var reconnects = true
        var counters = TCPClientCounters()
    }

    let receiver: FakeReceiver
    let script: Script
    private let state = Mutex(State())

    init(script: Script = Script(), receiver: FakeReceiver = FakeReceiver()) {
        self.script = script
        self.receiver = receiver
    }

    var peerDescription: String { "fake:5004" }
    var udpDatagrams: [[UInt8]] { state.withLock { $0.udpDatagrams } }
    /// When each UDP datagram reached the leg.
    var udpTimes: [Duration] { state.withLock { $0.udpTimes } }
    var udpRTCP: [[UInt8]] { state.withLock { $0.udpRTCP } }
    /// UDP sends refused (each threw).
    var udpRefusals: Int { state.withLock { $0.udpRefusals } }
    var tcpFrames: [[UInt8]] { state.withLock { $0.tcpFrames } }

    /// Time has moved to `now`: the receiver reports, the TCP connection drops or comes back.
    func tick(now: Duration) {
        let (report, rtcp, tcpRTCP, event, onEvent) = state.withLock { s in
            s.now = now
            var event: TCPConnectionEvent?
            if s.connected, let dropAt = script.tcpDropsAt, !s.dropped, now >= dropAt {
                s.connected = false
                s.dropped = true
                s.reconnectAt = now + script.reconnectAfter
                event = .closed(upFor: now - s.connectedSince, retryIn: script.reconnectAfter)
            } else if !s.connected, s.reconnects, let at = s.reconnectAt, now >= at {
                s.connected = true
                s.connectedSince = now
                s.connections += 1
                s.reconnectAt = nil
                event = .connected(number: s.connections)
            }
            // Like the real receiver: each report by UDP and, while TCP is up, on it too.
            let byUDP = script.udpReturnBlocked(now) ? nil : s.rtcp
            return (receiver.reportIfDue(now: now), byUDP, s.connected ? s.tcpRTCP : nil, event, s.onEvent)
        }
        if let event { onEvent?(event) }
        if let report {
            rtcp?(report)
            tcpRTCP?(report)
        }
    }

    func withDatagramLeg<Result: Sendable>(
        rtcp: @escaping @Sendable ([UInt8]) -> Void, _ body: (FakeDatagramLeg) async throws -> Result
    ) async throws -> Result {
        state.withLock { $0.rtcp = rtcp }
        return try await body(FakeDatagramLeg(network: self))
    }

    func withFrameLeg<Result: Sendable>(
        standby: Bool, rtcp: @escaping @Sendable ([UInt8]) -> Void,
        onEvent: @escaping @Sendable (TCPConnectionEvent) -> Void, _ body: (FakeFrameLeg) async throws -> Result
    ) async throws -> Result {
        if script.tcpRefusesConnection {
            guard standby else { throw FakeConnectionRefused() }
            state.withLock { s in
                s.tcpRTCP = rtcp
                s.onEvent = onEvent
                s.reconnectAt = script.tcpListensFrom
            }
            onEvent(.unavailable(reason: "\(FakeConnectionRefused())", retryIn: .milliseconds(250)))
            return try await body(FakeFrameLeg(network: self))
        }
        state.withLock { s in
            s.tcpRTCP = rtcp
            s.onEvent = onEvent
            s.connected = true
            s.connections = 1
            s.connectedSince = s.now
        }
        onEvent(.connected(number: 1))
        return try await body(FakeFrameLeg(network: self))
    }

    func sendUDP(_ bytes: [UInt8]) throws {
        let refused = state.withLock { s in
            guard script.udpRefused(s.now) else { return false }
            s.udpRefusals += 1
            return true
        }
        if refused { throw UDPSendFailure(reason: "operation not permitted (errno 1)", refusedByKernel: true) }
        let lost = state.withLock { s in
            s.udpDatagrams.append(bytes)
            s.udpTimes.append(s.now)
            return script.udpBlackholed(s.now)
        }
        if !lost { receiver.receiveRTP(bytes, byTCP: false) }
    }

    func sendRTCP(_ bytes: [UInt8], recordByUDP: Bool) {
        let handler = state.withLock { s in
            if recordByUDP { s.udpRTCP.append(bytes) }
            return s.rtcp ?? s.tcpRTCP
        }
        if let answer = receiver.receiveRTCP(bytes) { handler?(answer) }
    }

    func sendTCP(_ frame: [UInt8], within deadline: Duration) -> TCPSendOutcome? {
        let outcome: TCPSendOutcome? = state.withLock { s in
            guard s.connected else {
                s.counters.notConnectedDrops += 1
                return nil
            }
            if script.tcpWriteDelay(s.now) > deadline {
                s.counters.deadlineDrops += 1
                return .droppedPastDeadline
            }
            s.counters.framesSent += 1
            s.tcpFrames.append(frame)
            return .enqueued
        }
        guard outcome == .enqueued else { return outcome }
        if RTCPCompound.isRTCP(frame) {
            sendRTCP(frame, recordByUDP: false)
        } else {
            receiver.receiveRTP(frame, byTCP: true)
        }
        return outcome
    }

    var isConnected: Bool { state.withLock { $0.connected } }
    var connections: Int { state.withLock { $0.connections } }
    var counters: TCPClientCounters { state.withLock { $0.counters } }
    func stopReconnecting() { state.withLock { $0.reconnects = false } }
}
