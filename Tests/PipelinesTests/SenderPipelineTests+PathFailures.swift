import Pipelines
import RTP
import Testing

/// `auto` when the path fails at this host rather than in the network.
extension SenderPipelineTests {
    /// A local firewall refuses every UDP datagram from 3 s to 5 s (the send throws, as EPERM
    /// does): the run goes on, falls back to TCP at the next tick, returns to UDP once UDP
    /// delivers again, and every frame reaches the receiver by one path or the other.
    @Test func refusedUDPSendsFallBackToTCPAndReturn() async throws {
        var script = FakeSenderNetwork.Script()
        script.udpRefused = { $0 >= .seconds(3) && $0 < .seconds(5) }
        let network = FakeSenderNetwork(script: script)
        let (result, events) = try await Self.run(network, SenderPipelineConfiguration(transport: Self.auto()), seconds: 10)
        let switches = Self.switches(events)
        #expect(switches.map(\.to) == [.tcp, .udp], "\(switches)")
        let down = try #require(switches.first)
        #expect(down.time >= .seconds(3) && down.time <= .milliseconds(3_040), "fell back at \(down.time)")
        #expect(down.reason.contains("UDP send failed"), "\(down.reason)")
        #expect(down.reason.contains("operation not permitted"), "\(down.reason)")
        let up = try #require(switches.last).time
        #expect(up > .seconds(5) && up <= .seconds(8), "back on UDP at \(up)")
        let auto = try #require(result.auto)
        // The fake refused exactly these sends; the summary counts the same ones.
        #expect(network.udpRefusals >= 99 && network.udpRefusals <= 101, "\(network.udpRefusals)")
        #expect(auto.udpSendFailures == network.udpRefusals)
        #expect(auto.udpRefusedByKernel == network.udpRefusals)
        #expect(network.receiver.distinctSequenceNumbers == result.summary.packets)
        #expect(auto.endedOn == .udp)
    }
}

extension SenderPipelineTests {
    /// `auto`'s TCP standby is unavailable at the start and a listener appears at 1 s: the run
    /// says so once, then that the standby connected, with no failed-attempt events between;
    /// a UDP outage after that falls back to TCP as usual.
    @Test func autoStandbyConnectsLaterQuietly() async throws {
        var script = FakeSenderNetwork.Script()
        script.tcpRefusesConnection = true
        script.tcpListensFrom = .seconds(1)
        script.udpBlackholed = { $0 >= .seconds(3) && $0 < .seconds(5) }
        let network = FakeSenderNetwork(script: script)
        let (result, events) = try await Self.run(network, SenderPipelineConfiguration(transport: Self.auto()), seconds: 6)
        let tcpNews = events.filter {
            switch $0 {
            case .udpOnly, .tcpStandbyConnected, .tcpReconnectFailed, .tcpClosed, .tcpConnectedAgain: true
            default: false
            }
        }
        #expect(tcpNews.count == 2, "\(tcpNews)")
        #expect(tcpNews.first == .udpOnly(peer: "fake:5004", reason: "connection refused"))
        if case .tcpStandbyConnected(let at) = tcpNews.last {
            #expect(at >= .seconds(1) && at <= .milliseconds(1_020))
        } else {
            Issue.record("\(tcpNews)")
        }
        #expect(Self.switches(events).first?.to == .tcp)
        #expect(result.auto?.tcpConnections == 1)
        #expect((result.auto?.sentByTCP ?? 0) > 50)
    }
}

extension SenderPipelineTests {
    static func directions(_ events: [SenderEvent]) -> [PathDirectionEvent] {
        events.compactMap { if case .pathDirection(let change) = $0 { change } else { nil } }
    }

    /// Receiver reports sent by UDP are lost from 2 s to 7 s while they still come by TCP and
    /// count new UDP packets: an event says the way back is down (within 2 s + a report
    /// interval of the last UDP report), another that it is back; no switch, since the way there works.
    @Test func onlyTheReturnPathFailingIsReported() async throws {
        var script = FakeSenderNetwork.Script()
        script.udpReturnBlocked = { $0 >= .seconds(2) && $0 < .seconds(7) }
        let (_, events) = try await Self.run(FakeSenderNetwork(script: script), SenderPipelineConfiguration(transport: Self.auto()), seconds: 10)
        let changes = Self.directions(events)
        #expect(changes.map(\.direction) == [.toSender, .toSender], "\(changes)")
        #expect(changes.map(\.down) == [true, false], "\(changes)")
        let down = try #require(changes.first)
        // The last report by UDP came at 1.5 s (every 500 ms); 2 s later it is news.
        #expect(down.time >= .milliseconds(3_500) && down.time <= .milliseconds(4_100), "\(down)")
        #expect(down.reason.contains("the way back is down"), "\(down.reason)")
        let back = try #require(changes.last).time
        #expect(back >= .seconds(7) && back <= .milliseconds(7_600), "\(back)")
        #expect(Self.switches(events).isEmpty, "\(Self.switches(events))")
    }

    /// UDP to the receiver is lost from 3 s to 8 s while its reports still arrive by UDP: the
    /// event names the way there, and `auto` falls back as before.
    @Test func onlyTheForwardPathFailingIsReported() async throws {
        var script = FakeSenderNetwork.Script()
        script.udpBlackholed = { $0 >= .seconds(3) && $0 < .seconds(8) }
        let (_, events) = try await Self.run(FakeSenderNetwork(script: script), SenderPipelineConfiguration(transport: Self.auto()), seconds: 10)
        let changes = Self.directions(events)
        #expect(changes.map(\.direction) == [.toReceiver, .toReceiver], "\(changes)")
        #expect(changes.map(\.down) == [true, false], "\(changes)")
        let down = try #require(changes.first)
        #expect(down.time >= .seconds(5) && down.time <= .milliseconds(5_600), "\(down)")
        #expect(down.reason.contains("the way there is down"), "\(down.reason)")
        #expect(Self.switches(events).first?.to == .tcp)
    }
}

extension SenderPipelineTests {
    /// `udp` has no other path: a local firewall refusing every datagram from 1 s to 2 s does
    /// not end the run; the first refusal is news once and the result counts each of them,
    /// exactly the ones the receiver never got.
    @Test func refusedUDPSendsOnUDPAloneAreCountedAndTheRunGoesOn() async throws {
        var script = FakeSenderNetwork.Script()
        script.udpRefused = { $0 >= .seconds(1) && $0 < .seconds(2) }
        let network = FakeSenderNetwork(script: script)
        let (result, events) = try await Self.run(network, SenderPipelineConfiguration(), seconds: 4)
        #expect(result.summary.packets == 200)
        #expect(network.udpRefusals == 50)
        #expect(result.udpSendsRefused == network.udpRefusals)
        #expect(network.receiver.distinctSequenceNumbers == result.summary.packets - result.udpSendsRefused)
        let notices = events.filter { if case .udpSendRefused = $0 { true } else { false } }
        #expect(notices == [.udpSendRefused(at: .seconds(1), reason: "operation not permitted (errno 1)")], "\(notices)")
    }
}
