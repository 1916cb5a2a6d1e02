import Foundation
import JitterbugSupport
import Media
import NIOCore
import Opus
@testable import Pipelines
@testable import Probe
import RTP
import Reports
import Testing

/// The responder's state after many tests is bounded by the peers testing it, not by the tests
/// run (#20: the 10-minute soak's RSS crept up). 500 short inbound tests from 8 peers go through
/// the responder's own receiver configuration and stream tracker, in simulated time (each peer
/// tests every 2 s: 200 ms of Opus, then SR + SDES + BYE, and one packet also by TCP as an
/// `auto` sender's standby sends it), and every per-stream table is counted as they run:
/// - ended-stream summaries (kept 30 s: they were kept by count, 256, so the list and the
///   summary copied from it every second grew with every test until full),
/// - the RTCP source table with its SRs and CNAMEs (it kept the first 16 SSRCs forever: from
///   the 17th test on, SRs were ignored, the answers carried no LSR and initiators lost RTT),
/// - the other-address aliases (one per TCP standby, never removed),
/// - the report peers (where each sender's RTCP comes from: one per test stayed),
/// - the stream slab, the tracker's memory.
@Suite struct ProbeResponderBoundsTests {
    static let peers = 8
    static let period: Duration = .seconds(2)
    static let tests = 500
    static let packetsPerTest = 10
    static let step: Duration = .milliseconds(20)

    /// Ten 20 ms Opus frames of a 440 Hz tone (the payloads every test sends).
    static func payloads() throws -> [[UInt8]] {
        let encoder = try OpusEncoder(OpusEncoderConfiguration(bitrate: 16_000, complexity: 0))
        return try (0..<packetsPerTest).map { frame in
            let samples = (0..<960).map { i in
                Int16(8_000 * sin(2 * Double.pi * 440 * Double(frame * 960 + i) / 48_000))
            }
            return try encoder.encode(samples)
        }
    }

    /// One simulated test: where it comes from and what it sends.
    struct SimulatedTest {
        var number: Int
        var start: Duration
        var source: SocketAddress
        var packetizer: RTPPacketizer
    }

    /// The most of each table seen while the tests ran.
    struct Peaks {
        var ended = 0
        var listed = 0
        var rtcpSources = 0
        var senderReports = 0
        var cnames = 0
        var aliases = 0
        var reportPeers = 0
        var slots = 0
        var tracker = 0

        mutating func note(_ core: AudioReceiverCore, listed count: Int, tracker remembered: Int) {
            ended = max(ended, core.ended.count)
            listed = max(listed, count)
            rtcpSources = max(rtcpSources, core.reporting.rtcp.knownSources.count)
            senderReports = max(senderReports, core.reporting.rtcp.lastSenderReports.count)
            cnames = max(cnames, core.reporting.rtcp.sourceCNAMEs.count)
            aliases = max(aliases, core.aliases.count)
            reportPeers = max(reportPeers, core.reporting.peers.count)
            slots = max(slots, core.streams.slotCount)
            tracker = max(tracker, remembered)
        }
    }

    @Test func fiveHundredTestsLeaveStateBoundedByThePeers() throws {
        let configuration = try ProbeLoopback.configuration(listen: 5004)
        let keys = ProbeSRTPKeys.resolving([], ownKey: nil, replayWindowPackets: configuration.replayWindowPackets)
        let receiver = ProbeResponder.receiverConfiguration(configuration, srtpKeys: { keys })
        let core = AudioReceiverCore(configuration: receiver) { (_: StreamKey, _: [Int16], _: AudioFormat) in }
        var tracker = ProbeStreamTracker()
        let payloads = try Self.payloads()
        var random = SplitMix64(seed: 20)
        let wallStart = Duration.seconds(1_800_000_000)
        // Peer k's test n starts at 1 s + n periods + k/8 of a period.
        var scheduled: [SimulatedTest] = []
        for number in 0..<Self.tests {
            let (round, peer) = number.quotientAndRemainder(dividingBy: Self.peers)
            let start = Duration.seconds(1) + Self.period * round + Self.period * (Double(peer) / Double(Self.peers))
            // A new ephemeral port and SSRC for every test, as the initiator's sockets have.
            let source = try SocketAddress(ipAddress: "192.0.2.\(peer + 1)", port: 20_000 + 2 * (number % 10_000))
            scheduled.append(SimulatedTest(
                number: number, start: start, source: source,
                packetizer: RTPPacketizer(payloadType: 111, clockRate: 48_000, generator: &random)))
        }
        var reported: [ReceiverSummary] = []
        var answeredWithLSR = Set<UInt32>()
        var peaks = Peaks()
        var peaksAtHalf = Peaks()
        let lastStart = scheduled.last?.start ?? .zero
        var now = Duration.zero
        var nextPoll = Duration.seconds(1)
        while now <= lastStart + .seconds(8) {
            let wall = wallStart + now
            for index in scheduled.indices {
                let elapsed = now - scheduled[index].start
                guard elapsed >= .zero, elapsed < Self.step * (Self.packetsPerTest + 1) else { continue }
                let frame = Int(elapsed / Self.step)
                let source = scheduled[index].source
                if frame < Self.packetsPerTest {
                    let packet = scheduled[index].packetizer.makePacket(
                        payload: payloads[frame], timestampOffsetSamples: UInt32(frame * 960), marker: frame == 0,
                        extensions: [])
                    try core.receive(packet.serialized(), from: source, arrival: now, wallClock: wall)
                    if frame == 5 {
                        // The same packet on the test's TCP standby connection (another port).
                        var tcpSource = source
                        tcpSource.port = 50_000 + scheduled[index].number % 10_000
                        try core.receive(
                            packet.serialized(), from: tcpSource, arrival: now, wallClock: wall,
                            path: .tcp(connectionID: scheduled[index].number))
                    }
                } else {
                    let ssrc = scheduled[index].packetizer.ssrc
                    let goodbye = RTCPCompound.serialize([
                        .senderReport(SenderReport(
                            ssrc: ssrc, ntp: NTPTimestamp(sinceUnixEpoch: wall), rtpTimestamp: 0,
                            packetCount: UInt32(Self.packetsPerTest), octetCount: 400)),
                        .sourceDescription(.cname(ssrc: ssrc, "peer@192.0.2.x")),
                        .goodbye(Goodbye(ssrcs: [ssrc], reason: nil)),
                    ])
                    try core.receive(goodbye, from: try source.rtcpPort(), arrival: now, wallClock: wall)
                }
            }
            for report in core.rtcpReportsIfDue(now: now, wallClock: wall, rtcpMux: false) {
                for packet in try RTCPCompound.parse(report.bytes) {
                    guard case .receiverReport(let rr) = packet else { continue }
                    for block in rr.reportBlocks where block.lastSR != 0 { answeredWithLSR.insert(block.ssrc) }
                }
            }
            try core.tick(now: now, wallClock: wall)
            if now >= nextPoll {
                let summary = core.summary
                reported += tracker.finished(in: summary, now: now)
                peaks.note(core, listed: summary.streams?.count ?? 1, tracker: tracker.rememberedStreams)
                if reported.count <= Self.tests / 2 { peaksAtHalf = peaks }
                nextPoll += .seconds(1)
            }
            now += Self.step
        }
        // Every test reported once, with all its packets (the TCP copy is a duplicate).
        #expect(reported.count == Self.tests)
        #expect(Set(reported.compactMap(\.stream)).count == Self.tests)
        #expect(reported.allSatisfy { $0.packets >= Int64(Self.packetsPerTest) && $0.lostPackets == 0 })
        // Every test's BYE was answered with its SR's LSR: the initiator gets its RTT.
        #expect(answeredWithLSR.count == Self.tests)
        // Ended summaries: those of the last 30 s (8 peers every 2 s: 120), not all 500, nor
        // the 256 of the count limit; and no more in the second half of the run than the first.
        let endedBound = Self.peers * Int(ProbeResponder.endedSummaryMaxAge / Self.period) + Self.peers
        #expect(peaks.ended <= endedBound, "ended summaries kept: \(peaks.ended)")
        #expect(peaks.ended < receiver.endedSummariesKept)
        #expect(peaks.ended <= peaksAtHalf.ended + 2)
        #expect(peaks.listed <= endedBound + Self.peers)
        #expect(peaks.tracker <= peaks.listed)
        // Per-stream tables: at most the streams held at once (one per peer, two while one
        // test's drain overlaps the next of another peer), far from the 500 tests.
        let held = 2 * Self.peers
        #expect(peaks.rtcpSources <= held, "RTCP sources: \(peaks.rtcpSources)")
        #expect(peaks.senderReports <= held)
        #expect(peaks.cnames <= held)
        #expect(peaks.aliases <= held, "aliases: \(peaks.aliases)")
        #expect(peaks.reportPeers <= held)
        #expect(peaks.slots <= held)
        // After the last test: nothing per stream left but the recent summaries.
        #expect(core.reporting.rtcp.knownSources.isEmpty)
        #expect(core.aliases.count == 0)
        #expect(core.streams.count == 0)
    }
}
