import ArgumentParser
import Pipelines

/// `send --transport` and what goes with it: the `auto` fallback thresholds, the TCP deadline,
/// and the `--events` file of switches and TCP connection events.
struct SendTransportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Transport: auto (default: UDP with a TCP standby to the same port number, falling back to TCP when UDP fails or is refused, and back; with no TCP listener, e.g. ffmpeg, plain UDP); udp; or tcp (RTP over TCP, RFC 4571).", valueName: "kind"))
    var transport: TransportKind = .auto

    @Option(help: ArgumentHelp("auto: fall back when no receiver report (or no UDP progress) for this long.", valueName: "interval"),
            transform: Interval.argument)
    var fallbackAfter: Interval = Interval(.seconds(1))

    @Option(help: ArgumentHelp("auto: fall back when UDP loss over the last second exceeds this percentage.", valueName: "percent"))
    var fallbackLoss: Double = 30

    @Option(help: ArgumentHelp("auto: return to UDP after it has been healthy this long.", valueName: "interval"),
            transform: Interval.argument)
    var recoverAfter: Interval = Interval(.seconds(5))

    @Option(help: ArgumentHelp("Write transport switch and TCP connection events (closed, made again) as JSON Lines.", valueName: "file"))
    var events: String?

    @Option(help: ArgumentHelp("With tcp or auto: drop frames not handed to the kernel within this long (counted; the kernel and NIO hold only a few frames more).", valueName: "interval"),
            transform: Interval.argument)
    var tcpDeadline: Interval = Interval(.milliseconds(200))

    /// The pipeline's transport for these options.
    var senderTransport: SenderTransport {
        switch transport {
        case .udp: .udp
        case .tcp: .tcp(deadline: tcpDeadline.duration)
        case .auto:
            .auto(
                deadline: tcpDeadline.duration,
                policy: FallbackPolicy.Configuration(
                    fallbackAfter: fallbackAfter.duration, fallbackLoss: fallbackLoss / 100,
                    recoverAfter: recoverAfter.duration))
        }
    }
}
