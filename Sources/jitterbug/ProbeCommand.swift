import ArgumentParser
import Probe
import SRTP
import Transport

/// `jitterbug probe`: a long-running responder and initiator that tests a list of peers on a
/// staggered schedule and keeps each peer's results per direction (Prometheus, JSON Lines).
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Test many peers continuously (loss, jitter, RTT, MOS both ways) and serve the results to Prometheus.",
        discussion: """
            Every probe listens (--listen) for other probes' tests and answers them with
            RTCP receiver reports, and tests each of its peers once every --every, for
            --test, staggered over the period. Both sides see both directions: inbound
            is measured here, outbound as the peer reported it.
            Examples:
              jitterbug probe --name paris --listen 5004 --peer berlin=192.0.2.8:5004 \\
                  --peer rome=192.0.2.9:5004 --metrics 0.0.0.0:9464
              jitterbug probe --name lab --listen 5004 --peers peers.yaml --every 30s \\
                  --test 5s --events tests.jsonl
              jitterbug probe --name plant --listen 5004 --peer hub=192.0.2.1:5004 \\
                  --telemetry imu --rate 200hz     # sensor telemetry instead of a tone
              kill -HUP PID                    # the probe reads --peers FILE again
            Peer file (YAML or JSON): a list of {name: NAME, address: "HOST:PORT"}, e.g.
              - {name: berlin, address: "192.0.2.8:5004"}
              - {name: rome, address: "192.0.2.9:5004", srtp_key: "KEY"}
            SRTP: --key-file FILE is this probe's own key, for every peer without its
            own; a peer's own key (srtp_key above, or --peer-key-file NAME=FILE) protects
            the tests to it and is expected on its tests here (both ends hold it).
            A stream under another key is counted as rejected (srtp_auth_fail).
            Runs until SIGTERM (exit 0), Ctrl-C (exit 130) or --duration (exit 0).
            """
    )

    @Option(help: ArgumentHelp("This probe's name, for logs and events: \(ProbePeer.acceptedNameForm).", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Address to listen on for other probes' tests: PORT (IPv6 and IPv4), HOST:PORT or [IPV6]:PORT; RTCP on port + 1, RTP over TCP on the same port.", valueName: "[host:]port"))
    var listen: AddressArgument

    @Option(help: ArgumentHelp("Accept tests only from these sources, e.g. 192.0.2.0/24,2001:db8::/32 (repeatable); others are counted and dropped.", valueName: "cidr[,cidr]"),
            transform: AddressRange.list)
    var allowFrom: [[AddressRange]] = []

    @Option(help: ArgumentHelp("A peer to test: NAME=HOST:PORT, its probe's --listen address (repeatable).", valueName: "name=host:port"))
    var peer: [String] = []

    @Option(help: ArgumentHelp("A YAML or JSON list of peers, [{name: NAME, address: \"HOST:PORT\", srtp_key: KEY}] (srtp_key optional); read again on SIGHUP.", valueName: "file"))
    var peers: String?

    @Option(help: ArgumentHelp("A peer's own SRTP key: NAME=FILE, the file from jitterbug keygen (repeatable); tests to and from that peer use it.", valueName: "name=file"))
    var peerKeyFile: [String] = []

    @Option(help: ArgumentHelp("Test every peer once per this period, staggered over it (default 60s).", valueName: "interval"),
            transform: Interval.argument)
    var every: Interval = Interval(.seconds(60))

    @Option(help: ArgumentHelp("How long each test streams, at most --every (default 10s).", valueName: "interval"),
            transform: Interval.argument)
    var test: Interval = Interval(.seconds(10))

    @Option(help: ArgumentHelp("Stop after this long, as on SIGTERM (default: run until stopped).", valueName: "interval"),
            transform: Interval.durationArgument)
    var duration: Interval?

    @Option(help: ArgumentHelp("Serve Prometheus metrics at http://HOST:PORT/metrics.", valueName: "host:port"))
    var metrics: AddressArgument?

    @Option(help: ArgumentHelp("Write one JSON object per finished test and direction: a file, or - for stdout.", valueName: "file"))
    var events: String?

    @Option(help: ArgumentHelp("Transport of the tests: udp, or auto (a TCP standby carries the test when UDP fails); not tcp.", valueName: "kind"))
    var transport: TransportKind = .udp

    @OptionGroup var payload: ProbePayloadOptions

    @OptionGroup var encoding: EncodingOptions

    @OptionGroup var srtp: SRTPOptions

    func validate() throws {
        guard ProbePeer.isValidName(name) else {
            throw ValidationError("invalid --name '\(name)': expected \(ProbePeer.acceptedNameForm)")
        }
        _ = try listen.parse(allowBarePort: true, rtcpOnNextPort: true)
        _ = try metrics?.parse(allowBarePort: true)
        guard every.duration > .zero else {
            throw ValidationError("invalid --every '\(every)': expected a period above 0, e.g. 60s or 1m")
        }
        guard test.duration > .zero else {
            throw ValidationError("invalid --test '\(test)': expected a test length above 0, e.g. 10s")
        }
        guard test.duration <= every.duration else {
            throw ValidationError("invalid --test '\(test)': longer than --every \(every); expected at most the period, e.g. --every 60s --test 10s")
        }
        if let duration, duration.duration <= .zero {
            throw ValidationError("invalid --duration '\(duration)': expected a length above 0, e.g. 10m or 3600s")
        }
        guard transport != .tcp else {
            throw ValidationError("invalid --transport 'tcp': expected udp or auto")
        }
        try OutputPathCheck.validate([(events, "--events")])
        try encoding.validate()
        try payload.validate(sampleRate: encoding.sampleRate, test: test.duration)
        try srtp.validate()
        do {
            _ = try loadPeers()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The `--peer` values and the `--peers` file together, checked as one list, with the
    /// `--peer-key-file` keys (which win over a file's `srtp_key`).
    func loadPeers() throws(ProbePeerListError) -> [ProbePeer] {
        var all: [ProbePeer] = []
        for text in peer { all.append(try ProbePeerList.parseArgument(text)) }
        if let peers { all += try ProbePeerList.load(path: peers, suite: srtp.srtpSuite) }
        try ProbePeerList.check(all)
        var keys: [(name: String, key: SRTPKeyMaterial)] = []
        for text in peerKeyFile { keys.append(try ProbePeerList.parseKeyFileArgument(text, suite: srtp.srtpSuite)) }
        return try ProbePeerList.applying(keys: keys, to: all)
    }
}
