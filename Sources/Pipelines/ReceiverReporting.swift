import JitterbugSupport
import RTCP
import Reports
import NIOCore
import RTP
import Transport
import Stats

/// The receiver's reporting state: RTCP (receiver reports with XR VoIP metrics, RTT via RRTR/DLRR),
/// per-interval counters, latency and loss-pattern bookkeeping. Owned by ``AudioReceiverCore``.
struct ReceiverReporting {
    var rtcp: RTCPReceiverSide
    var scheduler: RTCPScheduler<SystemRandomNumberGenerator>
    /// Where the sender's RTCP comes from (validated against the RTP source's IP).
    var rtcpPeer: SocketAddress?
    /// The TCP connection the sender's RTCP last came by, for reports while it uses TCP.
    var rtcpTCPConnection: ReceivePath?
    var interval = IntervalCounter(start: .zero)
    var lateAtIntervalStart: Int64 = 0
    var reportsSent = 0
    /// Bytes received from the primary stream's host since the last report: a report is sent
    /// only if it is no larger, so a spoofed source can never make us amplify (issue 8).
    var bytesFromPeerSinceReport = 0
    var reportsSuppressed = 0

    init(ssrc: UInt32) {
        rtcp = RTCPReceiverSide(ssrc: ssrc, cname: "jitterbug-recv@\(ssrc.hex)")
        scheduler = RTCPScheduler(
            // 64 kbit/s session, receivers' 75% of the 5% RTCP share (RFC 3550 §6.2), with a reduced
            // 250 ms minimum (as RFC 4585 permits) so an `auto` sender hears within its 1 s fallback
            // window: about one report every 0.6 s for one receiver.
            configuration: RTCPSchedulerConfiguration(
                sessionBandwidthBitsPerSecond: 64_000, minimumInterval: .fixed(.milliseconds(250))),
            weSent: false, generator: SystemRandomNumberGenerator())
    }
}

/// One receiver report compound and where it goes.
struct ReceiverReportOut {
    var bytes: [UInt8]
    var udpDestination: SocketAddress
    var tcp: ReceivePath?
}

extension AudioReceiverCore {
    /// A 20 ms Opus frame plus the encoder's 6.5 ms look-ahead (312 samples at 48 kHz).
    static let opusCodecDelayMilliseconds = 26.5

    /// Handles an RTCP datagram (on the RTCP port, or demultiplexed per RFC 5761). Only RTCP from
    /// a host that sends a validated RTP stream is processed; the primary stream's host also
    /// tells us where to send receiver reports. BYE ends the streams it names.
    func receiveRTCP(
        _ bytes: [UInt8], from source: SocketAddress, arrival: Duration, wallClock: Duration, path: ReceivePath = .udp
    ) {
        guard streams.keys.contains(where: { $0.source.ipAddress == source.ipAddress && streams[$0]?.isDecoding == true })
        else {
            return countRejection("rtcp_from_unknown_source")
        }
        reporting.scheduler.didReceive(sizeBytes: bytes.count + 28)
        let packets: [RTCPPacket]
        do throws(RTCPParseError) {
            packets = try RTCPCompound.parse(bytes)
        } catch {
            _ = reporting.rtcp.process(datagram: bytes, arrival: arrival, arrivalNTP: NTPTimestamp(sinceUnixEpoch: wallClock))
            // Also in the receiver's rejection counts, so every datagram read is counted once.
            return countRejection("rtcp_\(error.reason)")
        }
        let goodbyes = packets.flatMap { packet -> [UInt32] in
            if case .goodbye(let bye) = packet { return bye.ssrcs }
            return []
        }
        if !goodbyes.isEmpty { noteGoodbye(ssrcs: goodbyes, from: source, at: arrival) }
        guard let primary, primary.source.ipAddress == source.ipAddress else { return }
        // Only the validated stream's own RTCP steers the reports: from its RTP port (rtcp-mux)
        // or port + 1 (or its TCP connection), about its SSRC. Anything else from that host (a
        // forged SR from another port) would otherwise redirect our receiver reports.
        if !path.isTCP, let rtpPort = primary.source.port, let port = source.port, port != rtpPort, port != rtpPort + 1 {
            return countRejection("rtcp_wrong_port")
        }
        let reporter: UInt32? = switch packets.first {
        case .senderReport(let report)?: report.ssrc
        case .receiverReport(let report)?: report.ssrc
        default: nil
        }
        if let reporter, reporter != primary.ssrc { return countRejection("rtcp_unknown_ssrc") }
        reporting.bytesFromPeerSinceReport += bytes.count
        reporting.rtcp.process(packets: packets, arrival: arrival, arrivalNTP: NTPTimestamp(sinceUnixEpoch: wallClock))
        if path.isTCP { reporting.rtcpTCPConnection = path } else { reporting.rtcpPeer = source }
    }

    /// A receiver report compound when one is due, and where to send it: to the address the
    /// sender's RTCP comes from, else the RTP source's port + 1 (or the RTP source with rtcp-mux).
    /// Never to anyone but the validated RTP source's host.
    func rtcpReportIfDue(
        now: Duration, wallClock: Duration, rtcpMux: Bool, goodbye: Bool = false
    ) -> ReceiverReportOut? {
        guard let primary, goodbye || reporting.scheduler.isDue(now: now) else { return nil }
        var destination = reporting.rtcpPeer ?? primary.source
        // A source on port 65535 has no port + 1: its reports go to its RTP port.
        if reporting.rtcpPeer == nil, !rtcpMux, let next = try? primary.source.rtcpPort() { destination = next }
        let metrics = voipMetricsInputs()
        let ssrc = reporting.rtcp.ssrc
        let packets = withPrimary { stream in
            var packets = reporting.rtcp.makeCompound(
                sourceSSRC: primary.ssrc, statistics: &stream.statistics, now: now,
                nowNTP: NTPTimestamp(sinceUnixEpoch: wallClock), voipMetrics: metrics, goodbye: goodbye ? "" : nil)
            // Per-path counts for an `auto` sender, before any BYE (which ends a compound).
            let report = PathReport(
                ssrc: ssrc, udpPackets: UInt32(truncatingIfNeeded: stream.packetsByTransport[0]),
                tcpPackets: UInt32(truncatingIfNeeded: stream.packetsByTransport[1]))
            let position = packets.lastIndex { if case .goodbye = $0 { true } else { false } } ?? packets.endIndex
            packets.insert(report.packet, at: position)
            return packets
        }
        guard let packets else { return nil }
        var bytes = RTCPCompound.serialize(packets)
        if let srtp = configuration.srtp {
            guard let protected = try? srtp.protectRTCP(bytes) else { return nil }
            bytes = protected
        }
        guard bytes.count <= reporting.bytesFromPeerSinceReport else {
            reporting.reportsSuppressed += 1
            return nil
        }
        reporting.bytesFromPeerSinceReport = 0
        reporting.scheduler.didSend(sizeBytes: bytes.count + 28, at: now)
        reporting.reportsSent += 1
        // Reports go by UDP to the sender's host, and also on its TCP connection while the
        // stream (or its RTCP) arrives by TCP, so a sender on either path hears them.
        let tcp = primaryStream?.lastPath.isTCP == true ? (reporting.rtcpTCPConnection ?? primaryStream?.lastPath) : reporting.rtcpTCPConnection
        return ReceiverReportOut(bytes: bytes, udpDestination: destination, tcp: tcp)
    }

    /// Closes the current interval and returns its figures: packets, loss and late counts summed
    /// over every stream; jitter, latency, buffer and MOS of the primary stream.
    func closeInterval(now: Duration) -> IntervalRecord {
        let stats = primaryStatistics
        let totals = aggregateTotals
        let interval = reporting.interval.closeInterval(at: now, totals: totals.counts)
        let late = totals.late
        let snapshot = playout?.jitterBuffer.snapshot ?? telemetry?.jitterBuffer.snapshot
        // For telemetry the latency columns show the age of information (freshness).
        let latency = telemetry?.intervalAgeOfInformation ?? primaryStream?.intervalLatency ?? LatencyHistogram()
        var record = IntervalRecord(
            endSeconds: now.seconds, interval: interval, late: late - reporting.lateAtIntervalStart,
            jitterMilliseconds: stats?.jitterMilliseconds ?? 0,
            latency: latency.count > 0 ? latency : nil,
            bufferMilliseconds: snapshot?.currentDelayMilliseconds ?? 0,
            mos: reporting.rtcp.lastQualityEstimate?.mos ?? qualityEstimate().mos,
            roundTripTime: reporting.rtcp.latestRTT)
        record.targetDelayMilliseconds = snapshot?.targetDelayMilliseconds
        // An interval in which nothing arrived has no call quality to estimate (null in JSON).
        if record.packets == 0 { record.mos = .nan }
        reporting.lateAtIntervalStart = late
        let freshness = withPrimary { stream in
            stream.intervalLatency.reset()
            return stream.telemetry?.closeInterval()
        }
        record.ageOfInformationMaxMilliseconds = freshness??.ageMaxMilliseconds
        record.updateGapMaxMilliseconds = freshness??.updateGapMaxMilliseconds
        return record
    }

    /// The primary stream's E-model estimate.
    func qualityEstimate() -> QualityEstimate {
        primaryStream?.qualityEstimate()
            ?? QualityEstimate(oneWayDelayMilliseconds: 0, effectiveLossPercent: 0, codec: .opusProvisional)
    }

    private func voipMetricsInputs() -> VoIPMetricsInputs? {
        guard let snapshot = playout?.jitterBuffer.snapshot else { return nil }
        let frameMilliseconds = playout.map { Double($0.frameSamples) * 1000 / Double(configuration.outputSampleRate) } ?? 20
        return VoIPMetricsInputs(
            lossPattern: playout?.lossPattern ?? LossPatternAnalyzer(), packetDurationMilliseconds: frameMilliseconds,
            jitterBuffer: JitterBufferFigures(
                currentDelayMilliseconds: snapshot.currentDelayMilliseconds,
                nominalDelayMilliseconds: snapshot.targetDelayMilliseconds,
                maximumDelayMilliseconds: configuration.jitterBuffer.maximumDelay.milliseconds,
                absoluteMaximumDelayMilliseconds: configuration.jitterBuffer.capacityDuration.milliseconds,
                isAdaptive: configuration.jitterBuffer.fixedDelay == nil, adjustmentRate: 0),
            codecDelayMilliseconds: Self.opusCodecDelayMilliseconds,
            networkOneWayDelayMilliseconds: primaryStream.flatMap { $0.oneWayDelay.count > 0 ? $0.oneWayDelay.percentileMilliseconds(50) : nil })
    }
}
