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
    /// One schedule for all the reports (RFC 3550 §6.3): the session bandwidth is every stream's
    /// media, and each round of reports (one compound per sender) counts as one packet.
    var scheduler: RTCPScheduler<SystemRandomNumberGenerator>
    /// Per stream: where its sender's RTCP comes from.
    var peers: [StreamKey: ReportPeer] = [:]
    var interval = IntervalCounter(start: .zero)
    var lateAtIntervalStart: Int64 = 0
    /// The primary playout's net time-scaling (ns) when the interval started, and which stream
    /// that was (a new primary counts from its own start, so its intervals sum to its total).
    var scalingAtIntervalStart: (stream: StreamKey, nanoseconds: Int64)?
    var reportsSent = 0
    var reportsSuppressed = 0
    /// Rounds of reports sent (each round: one compound per sender).
    var rounds = 0
    /// Receiver reports the kernel refused to send (see ``ReceiverSummary/rtcpSendErrors``).
    var sendErrors = 0
    /// Streams whose sender said BYE since the last poll: each gets one report at once.
    var goodbyesToAnswer: [StreamKey] = []

    init(ssrc: UInt32) {
        rtcp = RTCPReceiverSide(ssrc: ssrc, cname: "jitterbug-recv@\(ssrc.hex)")
        scheduler = RTCPScheduler(configuration: .jitterbug, weSent: false, generator: SystemRandomNumberGenerator())
    }

    /// After a re-latch the old RTCP address is stale: reports go to port + 1 again until the
    /// sender's RTCP shows where it is.
    mutating func forgetRTCPAddress(of key: StreamKey) {
        peers[key]?.rtcpAddress = nil
        peers[key]?.tcp = nil
    }
}

/// One receiver report compound and where it goes.
struct ReceiverReportOut {
    var bytes: [UInt8]
    var udpDestination: SocketAddress
    var tcp: ReceivePath?
    /// The copy for the TCP connection when it differs: with SRTCP each copy is protected on
    /// its own (one SRTCP index on both paths made the sender drop the second as a replay).
    var tcpBytes: [UInt8]?
}

extension AudioReceiverCore {
    /// A 20 ms Opus frame plus the encoder's 6.5 ms look-ahead (312 samples at 48 kHz).
    static let opusCodecDelayMilliseconds = 26.5

    /// Handles an RTCP datagram (on the RTCP port, or demultiplexed per RFC 5761). Only RTCP from
    /// a host that sends a validated RTP stream is processed; each stream's own RTCP also tells
    /// us where to send that stream's receiver reports. BYE ends the streams it names.
    func receiveRTCP(
        _ bytes: [UInt8], from source: SocketAddress, arrival: Duration, wallClock: Duration, path: ReceivePath = .udp
    ) {
        guard streams.keys.contains(where: { $0.source.ipAddress == source.ipAddress && streams[$0]?.isDecoding == true })
        else {
            return countRejection("rtcp_from_unknown_source")
        }
        reporting.scheduler.didReceive(sizeBytes: bytes.count)
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
        let reporter: UInt32? = switch packets.first {
        case .senderReport(let report)?: report.ssrc
        case .receiverReport(let report)?: report.ssrc
        default: nil
        }
        // The stream this RTCP is about: the decoding stream of this host with the reporter's
        // SSRC (or, without a report, the primary or first stream of this host).
        let candidates = order.filter { $0.source.ipAddress == source.ipAddress }
        let key: StreamKey?
        if let reporter {
            key = candidates.first { $0.ssrc == reporter }
        } else {
            key = primary.flatMap { p in candidates.contains(p) ? p : nil } ?? candidates.first
        }
        guard let key else { return countRejection("rtcp_unknown_ssrc") }
        // Only the stream's own RTCP steers its reports: from its RTP port (rtcp-mux) or
        // port + 1 (or its TCP connection). Anything else from that host (a forged SR from
        // another port) would otherwise redirect our receiver reports.
        if !path.isTCP, let rtpPort = key.source.port, let port = source.port, port != rtpPort, port != rtpPort + 1 {
            return countRejection("rtcp_wrong_port")
        }
        withStream(key) { $0.bytesSinceReport += bytes.count }
        reporting.rtcp.process(packets: packets, arrival: arrival, arrivalNTP: NTPTimestamp(sinceUnixEpoch: wallClock))
        // (The entry is made here: an optional-chained assignment on a missing entry did nothing,
        // so reports never followed the sender's RTCP address or its TCP connection.)
        if path.isTCP {
            reporting.peers[key, default: ReportPeer()].tcp = path
        } else {
            reporting.peers[key, default: ReportPeer()].rtcpAddress = source
        }
    }

    /// The primary stream's receiver report when reports are due (see ``rtcpReportsIfDue``).
    func rtcpReportIfDue(
        now: Duration, wallClock: Duration, rtcpMux: Bool, goodbye: Bool = false
    ) -> ReceiverReportOut? {
        rtcpReportsIfDue(now: now, wallClock: wallClock, rtcpMux: rtcpMux, goodbye: goodbye).first
    }

    /// Receiver report compounds when they are due, one per decoding stream (in the order they
    /// started, the primary first; at most ``RTCPReceiverSide/maximumSources``), each to that stream's sender: to the
    /// address its RTCP comes from, else its RTP source's port + 1 (or the RTP source with
    /// rtcp-mux). Never to anyone but a validated RTP source's host. Every sender gets its own
    /// report block (two senders to one receiver: both hear about their stream).
    func rtcpReportsIfDue(
        now: Duration, wallClock: Duration, rtcpMux: Bool, goodbye: Bool = false
    ) -> [ReceiverReportOut] {
        // `order` holds the decoding streams, the first (the primary, unless it ended) first.
        // Polled every few milliseconds: nothing here may copy a stream out of the table.
        let count = min(order.count, RTCPReceiverSide.maximumSources)
        guard count > 0 else { return [] }
        // Every stream's sender is a member; we are the one receiver (RFC 3550 `members`, `senders`).
        reporting.scheduler.senders = count
        reporting.scheduler.setMembers(count + 1, now: now)
        guard goodbye || reporting.scheduler.isDue(now: now) else { return answersToGoodbye(now: now, wallClock: wallClock, rtcpMux: rtcpMux, count: count) }
        let keys = order.prefix(count)
        reporting.rounds += 1
        reporting.peers = reporting.peers.filter { streams.contains($0.key) }
        var reports: [ReceiverReportOut] = []
        var sentBytes = 0
        for key in keys {
            guard let report = makeReport(for: key, now: now, wallClock: wallClock, rtcpMux: rtcpMux, goodbye: goodbye)
            else { continue }
            // One copy counts: a copy on the sender's TCP connection (`auto`) rides TCP's own pacing.
            sentBytes += report.bytes.count
            reports.append(report)
        }
        guard !reports.isEmpty else { return [] }
        reporting.scheduler.didSend(sizeBytes: sentBytes, at: now)
        reporting.reportsSent += reports.count
        return reports
    }

    /// A sender that said BYE waits up to 1.5 s for our answer, so that its summary carries our
    /// final figures: each such stream gets one report at once (counted in the RTCP budget).
    /// Without it a second sender heard only the last periodic report, up to a report interval
    /// old, and losses near its end were missing from what it printed.
    private func answersToGoodbye(now: Duration, wallClock: Duration, rtcpMux: Bool, count: Int) -> [ReceiverReportOut] {
        guard !reporting.goodbyesToAnswer.isEmpty else { return [] }
        let keys = reporting.goodbyesToAnswer
        reporting.goodbyesToAnswer.removeAll()
        let answers = keys.filter { order.prefix(count).contains($0) }.compactMap {
            makeReport(for: $0, now: now, wallClock: wallClock, rtcpMux: rtcpMux, goodbye: false)
        }
        guard !answers.isEmpty else { return [] }
        reporting.scheduler.didSend(sizeBytes: answers.reduce(0) { $0 + $1.bytes.count }, at: now)
        reporting.reportsSent += answers.count
        return answers
    }

    /// The report compound for stream `key`, or `nil` (SRTCP failed, or its sender has not
    /// sent enough since its last report to be answered without amplification).
    private func makeReport(
        for key: StreamKey, now: Duration, wallClock: Duration, rtcpMux: Bool, goodbye: Bool
    ) -> ReceiverReportOut? {
        let peer = reporting.peers[key] ?? ReportPeer()
        var destination = peer.rtcpAddress ?? key.source
        // A source on port 65535 has no port + 1: its reports go to its RTP port.
        if peer.rtcpAddress == nil, !rtcpMux, let next = try? key.source.rtcpPort() { destination = next }
        // VoIP metrics describe the primary stream's playout. They ride every other round (and
        // the last): at 36 bytes they are a fifth of a report, and leaving them out of half
        // makes the reports smaller, so the RTCP budget allows them more often.
        let metrics = key == primary && (goodbye || reporting.rounds % 2 == 1) ? voipMetricsInputs() : nil
        let ssrc = reporting.rtcp.ssrc
        let made = withStream(key) { stream -> ([RTCPPacket], ReceivePath, Int) in
            var packets = reporting.rtcp.makeCompound(
                sourceSSRC: key.ssrc, statistics: &stream.statistics, now: now,
                nowNTP: NTPTimestamp(sinceUnixEpoch: wallClock), voipMetrics: metrics, goodbye: goodbye ? "" : nil)
            // Per-path counts for an `auto` sender, before any BYE (which ends a compound).
            let report = PathReport(
                ssrc: ssrc, udpPackets: UInt32(truncatingIfNeeded: stream.packetsByTransport[0]),
                tcpPackets: UInt32(truncatingIfNeeded: stream.packetsByTransport[1]))
            let position = packets.lastIndex { if case .goodbye = $0 { true } else { false } } ?? packets.endIndex
            packets.insert(report.packet, at: position)
            return (packets, stream.lastPath, stream.bytesSinceReport)
        }
        guard let (packets, lastPath, bytesFromPeer) = made else { return nil }
        let clear = RTCPCompound.serialize(packets)
        var bytes = clear
        let srtp = srtpSession(for: key.source)
        if let srtp {
            guard let protected = try? srtp.protectRTCP(clear) else { return nil }
            bytes = protected
        }
        guard bytes.count <= bytesFromPeer else {
            reporting.reportsSuppressed += 1
            return nil
        }
        withStream(key) { $0.bytesSinceReport = 0 }
        // Reports go by UDP to the sender's host, and also on its TCP connection while the
        // stream (or its RTCP) arrives by TCP, so a sender on either path hears them.
        let tcp = lastPath.isTCP ? (peer.tcp ?? lastPath) : peer.tcp
        var out = ReceiverReportOut(bytes: bytes, udpDestination: destination, tcp: tcp)
        if tcp != nil, let srtp { out.tcpBytes = try? srtp.protectRTCP(clear) }
        return out
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
            bufferMilliseconds: snapshot?.playedDelayMilliseconds ?? 0,
            mos: reporting.rtcp.lastQualityEstimate?.mos ?? qualityEstimate().mos,
            roundTripTime: reporting.rtcp.latestRTT)
        if let playout {
            // An audio interval's MOS from that interval's own loss and lateness (and its median
            // one-way delay, the delay frames were played at): the last RTCP report's estimate
            // lags by up to a reporting interval (5 s), so a second that lost 65 % could show 4.37.
            record.mos = QualityEstimate(
                networkOneWayDelayMilliseconds: latency.count > 0 ? latency.percentileMilliseconds(50) : 0,
                jitterBufferDelayMilliseconds: snapshot?.playedDelayMilliseconds ?? 0,
                codecDelayMilliseconds: AudioReceiverCore.opusCodecDelayMilliseconds,
                expectedPackets: interval.expected, networkLostPackets: interval.lost,
                latePackets: max(0, late - reporting.lateAtIntervalStart), burstRatio: playout.lossPattern.burstRatio,
                codec: .opusProvisional
            ).mos
        }
        record.targetDelayMilliseconds = snapshot?.targetDelayMilliseconds
        if let primary, let scaling = playout?.netScalingNanoseconds {
            let start = reporting.scalingAtIntervalStart.flatMap { $0.stream == primary ? $0.nanoseconds : nil } ?? 0
            record.scaledMilliseconds = Double(scaling - start) / 1e6
            reporting.scalingAtIntervalStart = (primary, scaling)
        }
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
                currentDelayMilliseconds: snapshot.playedDelayMilliseconds,
                nominalDelayMilliseconds: snapshot.targetDelayMilliseconds,
                maximumDelayMilliseconds: configuration.jitterBuffer.maximumDelay.milliseconds,
                absoluteMaximumDelayMilliseconds: configuration.jitterBuffer.capacityDuration.milliseconds,
                isAdaptive: configuration.jitterBuffer.fixedDelay == nil, adjustmentRate: 0),
            codecDelayMilliseconds: Self.opusCodecDelayMilliseconds,
            networkOneWayDelayMilliseconds: primaryStream.flatMap { $0.oneWayDelay.count > 0 ? $0.oneWayDelay.percentileMilliseconds(50) : nil })
    }
}
