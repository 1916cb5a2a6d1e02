import JitterbugSupport
import Pipelines

/// One `send --events` JSON line: a transport switch, a TCP connection event, or the `auto`
/// TCP standby being unavailable at the start / connecting later. Keys as they
/// have always been (`t_s`, `event`, `to`, `reason`, `connection`, `up_s`, `retry_in_s`);
/// absent fields are left out. Times in seconds, rounded to the millisecond.
struct SenderEventRecord: Codable, Equatable {
    var timeSeconds: Double
    var event: String
    var to: String?
    var reason: String?
    var connection: Int?
    var upSeconds: Double?
    var retryInSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case timeSeconds = "t_s", event, to, reason, connection
        case upSeconds = "up_s", retryInSeconds = "retry_in_s"
    }

    /// The record for `event`; `nil` for events that are not written to the events file.
    init?(_ event: SenderEvent) {
        switch event {
        case .switched(let change):
            self.init(time: change.time, event: "switch")
            to = change.to.rawValue
            reason = change.reason
        case .tcpConnectedAgain(let at, let number):
            self.init(time: at, event: "tcp_connected")
            connection = number
        case .tcpClosed(let at, let upFor, let retryIn):
            self.init(time: at, event: "tcp_closed")
            upSeconds = Self.rounded(upFor)
            retryInSeconds = Self.rounded(retryIn)
        case .tcpReconnectFailed(let at, _, let retryIn):
            self.init(time: at, event: "tcp_connect_failed")
            retryInSeconds = Self.rounded(retryIn)
        case .udpOnly(_, let why):
            self.init(time: .zero, event: "tcp_standby_unavailable")
            reason = why
        case .tcpStandbyConnected(let at):
            self.init(time: at, event: "tcp_standby_connected")
        case .udpSendRefused(let at, let why):
            self.init(time: at, event: "udp_send_refused")
            reason = why
        case .pathDirection(let change):
            self.init(time: change.time, event: "\(change.direction.rawValue)_path_\(change.down ? "down" : "back")")
            reason = change.reason
        default:
            return nil
        }
    }

    private init(time: Duration, event: String) {
        self.timeSeconds = Self.rounded(time)
        self.event = event
    }

    private static func rounded(_ duration: Duration) -> Double { (duration.seconds * 1000).rounded() / 1000 }
}
