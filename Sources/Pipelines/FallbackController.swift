import RTCP
import RTP
import Synchronization

/// Shares a ``FallbackPolicy`` between the send path, the RTCP reader and the ticker of an
/// `auto` sender, and keeps the switch events.
public final class FallbackController: Sendable {
    private struct State {
        var policy: FallbackPolicy
        var events: [FallbackPolicy.Event] = []
        var sentByUDP = 0
        var sentByTCP = 0
        var udpSendFailures = 0
    }

    private let state: Mutex<State>

    public init(configuration: FallbackPolicy.Configuration) {
        state = Mutex(State(policy: FallbackPolicy(configuration: configuration)))
    }

    /// Which paths the next packet goes by; counts it. With `tcpAvailable` false (the TCP
    /// connection is down and being made again) the packet goes by UDP alone.
    public func route(now: Duration, tcpAvailable: Bool = true) -> (udp: Bool, tcp: Bool) {
        state.withLock { s in
            var paths = s.policy.paths(now: now)
            if !tcpAvailable { paths = (true, false) }
            if paths.udp {
                s.policy.noteSentByUDP(now: now)
                s.sentByUDP += 1
            }
            if paths.tcp { s.sentByTCP += 1 }
            return paths
        }
    }

    /// A UDP datagram did not leave this host (see ``FallbackPolicy/noteUDPSendFailure(now:reason:)``).
    public func noteUDPSendFailure(now: Duration, reason: String) {
        state.withLock { s in
            s.udpSendFailures += 1
            s.policy.noteUDPSendFailure(now: now, reason: reason)
        }
    }

    /// A packet whose UDP send failed went by TCP instead.
    public func noteResentByTCP() { state.withLock { $0.sentByTCP += 1 } }

    /// UDP datagrams that did not leave this host.
    public var udpSendFailures: Int { state.withLock { $0.udpSendFailures } }

    /// Whether RTCP should also go over TCP now.
    public func usesTCP(now: Duration) -> Bool { state.withLock { $0.policy.paths(now: now).tcp } }

    /// How long the receiver's reports may be apart at the current media rate (see
    /// ``FallbackPolicy/reportIntervalBound``).
    public func setReportIntervalBound(_ bound: Duration) { state.withLock { $0.policy.reportIntervalBound = bound } }

    /// An RTCP compound from the receiver arrived (by either path).
    public func noteReceiverRTCP(_ bytes: [UInt8], now: Duration) {
        let report = (try? RTCPCompound.parse(bytes)).flatMap(PathReport.find(in:))
        state.withLock { $0.policy.noteReport(now: now, udpPacketsReceived: report?.udpPackets) }
    }

    /// Evaluates the policy; returns a switch if one happened now.
    public func evaluate(now: Duration) -> FallbackPolicy.Event? {
        state.withLock { s in
            guard let event = s.policy.evaluate(now: now) else { return nil }
            s.events.append(event)
            return event
        }
    }

    public var mode: FallbackPolicy.Mode { state.withLock { $0.policy.mode } }
    public var events: [FallbackPolicy.Event] { state.withLock { $0.events } }
    public var sentCounts: (udp: Int, tcp: Int) { state.withLock { ($0.sentByUDP, $0.sentByTCP) } }
}
