import Impairment
import JitterbugSupport
import Media
import Opus
import Pipelines
import RTP
import SRTP
import Synchronization
import Testing

/// The sender pipeline in process: fake legs, a stepping clock, no sleeping on the real clock.
@Suite struct SenderPipelineTests {
    static let tcpDeadline = Duration.milliseconds(200)

    /// Streams `seconds` of 20 ms Opus frames through the pipeline over `network`.
    static func run(
        _ network: FakeSenderNetwork, _ configuration: SenderPipelineConfiguration, seconds: Int = 10
    ) async throws -> (SenderResult, [SenderEvent]) {
        let events = Mutex<[SenderEvent]>([])
        let clock = TickingClock(onTick: { network.tick(now: $0) })
        let sender = AudioSender(
            configuration: AudioSenderConfiguration(
                encoder: OpusEncoderConfiguration(bitrate: 16_000, complexity: 0), duration: .seconds(seconds)))
        var source = SilenceSource(durationSeconds: nil, format: .opusMono)
        var random = SplitMix64(seed: 7)
        let result = try await SenderRunner.run(
            network: network, clock: clock, configuration: configuration,
            wallClock: { .seconds(1_700_000_000) + clock.now.offset },
            onEvent: { event in events.withLock { $0.append(event) } }
        ) { clock, onPacket, transmit in
            try await sender.run(source: &source, clock: clock, random: &random, onPacket: onPacket, transmit: transmit)
        }
        return (result, events.withLock { $0 })
    }

    static func auto(recoverAfter: Duration = .seconds(2)) -> SenderTransport {
        .auto(deadline: tcpDeadline, policy: FallbackPolicy.Configuration(recoverAfter: recoverAfter))
    }

    static func switches(_ events: [SenderEvent]) -> [FallbackPolicy.Event] {
        events.compactMap { if case .switched(let change) = $0 { change } else { nil } }
    }

    /// A 3 s UDP outage from 3 s on (made by the sender's impairment, or lost in the network):
    /// receiver reports stop showing UDP progress, so `auto` moves to TCP within the fallback time
    /// plus a report interval; once UDP delivers again it returns after recover-after (2 s).
    @Test(arguments: [true, false])
    func autoFallsBackToTCPDuringAUDPOutageAndReturns(impaired: Bool) async throws {
        var script = FakeSenderNetwork.Script()
        var configuration = SenderPipelineConfiguration(transport: Self.auto())
        if impaired {
            configuration.impairment = try ImpairmentSpec(parsing: "blackhole=3s+3s")
        } else {
            script.udpBlackholed = { $0 >= .seconds(3) && $0 < .seconds(6) }
        }
        let (result, events) = try await Self.run(FakeSenderNetwork(script: script), configuration)
        let switches = Self.switches(events)
        #expect(switches.map(\.to) == [.tcp, .udp], "\(switches)")
        let down = try #require(switches.first).time
        let up = try #require(switches.last).time
        #expect(down > .seconds(3) && down <= .milliseconds(4_600), "fell back at \(down)")
        #expect(up > .seconds(8) && up <= .seconds(9), "back on UDP at \(up)")
        let auto = try #require(result.auto)
        #expect(auto.switches == switches)
        #expect(auto.endedOn == .udp)
        #expect(auto.sentByTCP > 100)
        #expect(auto.sentByUDP == result.summary.packets)
        #expect(events.last == .autoFinished(auto))
        if impaired { #expect((result.impairment?.dropped ?? 0) >= 145) }
    }

    /// With `auto` and no TCP listener (ffmpeg, GStreamer: no receiver reports with path
    /// counts) the run goes on UDP alone, says so once, and never switches to the absent TCP.
    @Test func autoWithoutATCPListenerStreamsOnUDP() async throws {
        var script = FakeSenderNetwork.Script()
        script.tcpRefusesConnection = true
        let network = FakeSenderNetwork(script: script, receiver: FakeReceiver(reports: false))
        let (result, events) = try await Self.run(network, SenderPipelineConfiguration(transport: Self.auto()), seconds: 4)
        #expect(events.first == .udpOnly(peer: "fake:5004", reason: "connection refused"))
        #expect(events.filter { if case .udpOnly = $0 { true } else { false } }.count == 1)
        #expect(Self.switches(events).isEmpty, "\(events)")
        let auto = try #require(result.auto)
        #expect(auto.sentByTCP == 0)
        #expect(auto.tcpConnections == 0)
        #expect(auto.endedOn == .udp)
        #expect(network.udpDatagrams.count == result.summary.packets)
    }

    /// The TCP connection drops at 2 s: the events say it closed (after 2 s up), then that
    /// connection 2 is up 0.5 s later; frames meanwhile are counted as not sent.
    @Test(arguments: ["tcp", "auto"])
    func droppedTCPConnectionIsReportedAndMadeAgain(transport: String) async throws {
        var script = FakeSenderNetwork.Script()
        script.tcpDropsAt = .seconds(2)
        let configuration = SenderPipelineConfiguration(
            transport: transport == "tcp" ? .tcp(deadline: Self.tcpDeadline) : Self.auto())
        let (result, events) = try await Self.run(FakeSenderNetwork(script: script), configuration, seconds: 4)
        let tcpEvents = events.filter {
            switch $0 {
            case .tcpClosed, .tcpConnectedAgain, .tcpReconnectFailed: true
            default: false
            }
        }
        guard tcpEvents.count == 2, case .tcpClosed(let closedAt, let upFor, let retryIn) = tcpEvents[0],
            case .tcpConnectedAgain(let madeAt, let connection) = tcpEvents[1]
        else {
            Issue.record("events: \(tcpEvents)")
            return
        }
        #expect(closedAt >= .seconds(2) && closedAt <= .milliseconds(2_020))
        #expect(upFor == closedAt)
        #expect(retryIn == .milliseconds(500))
        #expect(madeAt - closedAt >= .milliseconds(500) && madeAt - closedAt <= .milliseconds(520))
        #expect(connection == 2)
        if transport == "tcp" {
            let tcp = try #require(result.tcp)
            #expect(tcp.connections == 2)
            #expect((24...27).contains(tcp.counters.notConnectedDrops), "\(tcp.counters)")
            #expect(events.last == .tcpFinished(tcp))
        } else {
            #expect(result.auto?.tcpConnections == 2)
        }
    }

    /// Frames that would reach the socket later than the 200 ms deadline (a 1 s stall of 300 ms
    /// writes) are dropped and counted, and the end-of-run summary says so.
    @Test func tcpFramesPastTheirDeadlineAreDroppedAndCounted() async throws {
        var script = FakeSenderNetwork.Script()
        script.tcpWriteDelay = { $0 >= .seconds(1) && $0 < .seconds(2) ? .milliseconds(300) : .zero }
        let network = FakeSenderNetwork(script: script)
        let (result, events) = try await Self.run(
            network, SenderPipelineConfiguration(transport: .tcp(deadline: Self.tcpDeadline)), seconds: 3)
        let tcp = try #require(result.tcp)
        #expect((49...51).contains(tcp.counters.deadlineDrops), "\(tcp.counters)")
        #expect(tcp.deadline == Self.tcpDeadline)
        #expect(tcp.connections == 1)
        #expect(network.receiver.udpPackets == 0)
        let rtpFrames = network.tcpFrames.filter { !RTCPCompound.isRTCP($0) }.count
        #expect(rtpFrames + tcp.counters.deadlineDrops == result.summary.packets)
        #expect(events.last == .tcpFinished(tcp))
    }

    /// `udp` with SRTP and impairment: what reaches the UDP leg is SRTP (the receiver's session
    /// unprotects every datagram) and what the impairment let through; RTCP is SRTCP.
    @Test func udpWithSRTPAndImpairmentProtectsThenImpairs() async throws {
        var random = SplitMix64(seed: 3)
        let key = SRTPKeyMaterial.generate(suite: .aesCM128HMACSHA1_80, using: &random)
        let configuration = SenderPipelineConfiguration(
            srtp: try SRTPSession(role: .sender, key: key), impairment: try ImpairmentSpec(parsing: "loss=20%,seed=5"))
        let network = FakeSenderNetwork(receiver: FakeReceiver(reports: false))
        let (result, _) = try await Self.run(network, configuration, seconds: 4)
        let counters = try #require(result.impairment)
        #expect(counters.submitted == result.summary.packets)
        #expect(counters.dropped > 20 && counters.dropped < 300, "\(counters)")
        #expect(network.udpDatagrams.count == counters.delivered)
        let receiver = try SRTPSession(role: .receiver, key: key)
        for datagram in network.udpDatagrams {
            let clear = try receiver.unprotectRTP(datagram)
            #expect(clear.count < datagram.count)
        }
        #expect(!network.udpRTCP.isEmpty)
        for compound in network.udpRTCP { _ = try receiver.unprotectRTCP(compound) }
    }

    /// Datagrams the impairment holds (a 50 ms delay) leave at their times from the media
    /// loop's sleeps, and those still held when the media ends go out before BYE.
    @Test func delayedDatagramsLeaveAtTheirTimesAndBeforeBye() async throws {
        let network = FakeSenderNetwork()
        let configuration = SenderPipelineConfiguration(impairment: try ImpairmentSpec(parsing: "delay=50ms"))
        let (result, _) = try await Self.run(network, configuration, seconds: 2)
        let times = network.udpTimes
        #expect(times.count == result.summary.packets)
        #expect(result.impairment?.delivered == result.summary.packets)
        // Frame k is sent at k × 20 ms and leaves 50 ms later.
        #expect(times.first == .milliseconds(50))
        #expect(zip(times, times.dropFirst()).allSatisfy { $1 - $0 == .milliseconds(20) }, "\(times.prefix(5))")
        #expect(network.receiver.sawGoodbye)
        #expect((times.last ?? .zero) <= .milliseconds(2_050))
    }

    /// The run ends with a sender report carrying BYE; the receiver's answer (its report and
    /// BYE) is in the result's RTCP status. Interval events come every report interval.
    @Test func byeAtTheEndAndTheFinalRTCPStatus() async throws {
        let network = FakeSenderNetwork()
        let (result, events) = try await Self.run(
            network, SenderPipelineConfiguration(reportInterval: .seconds(1)), seconds: 5)
        #expect(network.receiver.sawGoodbye)
        let last = try RTCPCompound.parse(try #require(network.udpRTCP.last))
        #expect(last.contains { if case .goodbye = $0 { true } else { false } })
        #expect(result.rtcp.receiverSaidGoodbye)
        #expect(result.rtcp.reportsReceived >= 9)
        #expect(result.rtcp.reportsSent == network.udpRTCP.count)
        let lines = events.compactMap { if case .receiverReport(let at, _) = $0 { at } else { nil } }
        #expect(lines.count >= 4 && lines.count <= 5, "\(lines)")
        #expect(lines.first.map { $0 >= .seconds(1) && $0 <= .milliseconds(1_020) } == true, "\(lines)")
    }
}
