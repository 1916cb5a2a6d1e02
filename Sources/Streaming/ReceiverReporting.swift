import NIOCore
import RTP
import Session
import Stats

/// The receiver's reporting state: RTCP (receiver reports with XR VoIP metrics, RTT via RRTR/DLRR),
/// per-interval counters, latency and loss-pattern bookkeeping. Owned by ``AudioReceiverCore``.
struct ReceiverReporting {
    var rtcp: RTCPReceiverSide
    var scheduler: RTCPScheduler<SystemRandomNumberGenerator>
    /// Where the sender's RTCP comes from (validated against the RTP source's IP).
    var rtcpPeer: SocketAddress?
    var interval = IntervalCounter(start: .zero)
    var intervalLatency = LatencyHistogram()
    var lateAtIntervalStart: Int64 = 0
    var reportsSent = 0

    init(ssrc: UInt32) {
        rtcp = RTCPReceiverSide(ssrc: ssrc, cname: "jitterbug-recv@\(ssrc.hex)")
        scheduler = RTCPScheduler(
            // 64 kbit/s session, 1 s minimum (RFC 3550 §6.2 allows a reduced minimum), receiver share.
            configuration: RTCPSchedulerConfiguration(
                sessionBandwidthBitsPerSecond: 64_000, minimumInterval: .fixed(.seconds(1))),
            weSent: false, generator: SystemRandomNumberGenerator())
    }
}

extension AudioReceiverCore {
    /// A 20 ms Opus frame plus the encoder's 6.5 ms look-ahead (312 samples at 48 kHz).
    static let opusCodecDelayMilliseconds = 26.5

    /// Handles an RTCP datagram (on the RTCP port, or demultiplexed per RFC 5761). Only RTCP from
    /// the host that sends the decoded RTP stream is processed; it also tells us where to send RRs.
    func receiveRTCP(_ bytes: [UInt8], from source: SocketAddress, arrival: Duration, wallClock: Duration) {
        guard let primary, primary.source.ipAddress == source.ipAddress else {
            return countRejection("rtcp_from_unknown_source")
        }
        reporting.scheduler.didReceive(sizeBytes: bytes.count + 28)
        if reporting.rtcp.process(datagram: bytes, arrival: arrival, arrivalNTP: NTPTimestamp(sinceUnixEpoch: wallClock)) {
            reporting.rtcpPeer = source
        }
    }

    /// A receiver report compound when one is due, and where to send it: to the address the
    /// sender's RTCP comes from, else the RTP source's port + 1 (or the RTP source with rtcp-mux).
    /// Never to anyone but the validated RTP source's host.
    func rtcpReportIfDue(now: Duration, wallClock: Duration, rtcpMux: Bool, goodbye: Bool = false) -> (bytes: [UInt8], to: SocketAddress)? {
        guard let primary, goodbye || reporting.scheduler.isDue(now: now) else { return nil }
        var destination = reporting.rtcpPeer ?? primary.source
        if reporting.rtcpPeer == nil, !rtcpMux, let port = primary.source.port {
            destination.port = port + 1
        }
        let metrics = voipMetricsInputs()
        let packets = withPrimaryStatistics { statistics in
            reporting.rtcp.makeCompound(
                sourceSSRC: primary.ssrc, statistics: &statistics, now: now,
                nowNTP: NTPTimestamp(sinceUnixEpoch: wallClock), voipMetrics: metrics, goodbye: goodbye ? "" : nil)
        }
        guard let packets else { return nil }
        let bytes = RTCPCompound.serialize(packets)
        reporting.scheduler.didSend(sizeBytes: bytes.count + 28, at: now)
        reporting.reportsSent += 1
        return (bytes, destination)
    }

    /// Closes the current interval and returns its figures.
    func closeInterval(now: Duration) -> IntervalRecord {
        let stats = primaryStatistics
        let totals = stats?.intervalTotals ?? .zero
        let interval = reporting.interval.closeInterval(at: now, totals: totals)
        let late = Int64(stats?.latePackets ?? 0)
        let snapshot = playout?.jitterBuffer.snapshot
        // For telemetry the latency columns show the age of information (freshness).
        let latency = telemetry?.intervalAgeOfInformation ?? reporting.intervalLatency
        let record = IntervalRecord(
            endSeconds: now.seconds, interval: interval, late: late - reporting.lateAtIntervalStart,
            jitterMilliseconds: stats?.jitterMilliseconds ?? 0,
            latency: latency.count > 0 ? latency : nil,
            bufferMilliseconds: snapshot?.currentDelayMilliseconds ?? 0,
            mos: reporting.rtcp.lastQualityEstimate?.mos ?? qualityEstimate().mos,
            roundTripTime: reporting.rtcp.latestRTT)
        reporting.lateAtIntervalStart = late
        reporting.intervalLatency.reset()
        resetIntervalAgeOfInformation()
        return record
    }

    /// The E-model estimate from what this receiver measured (network loss + late, counted once).
    func qualityEstimate() -> QualityEstimate {
        let stats = primaryStatistics
        let oneWay = oneWayDelay.count > 0 ? oneWayDelay.percentileMilliseconds(50) : 0
        return QualityEstimate(
            networkOneWayDelayMilliseconds: oneWay,
            jitterBufferDelayMilliseconds: playout?.jitterBuffer.snapshot.currentDelayMilliseconds ?? 0,
            codecDelayMilliseconds: Self.opusCodecDelayMilliseconds,
            expectedPackets: stats?.expectedPackets ?? 0,
            networkLostPackets: stats?.lostExcludingDuplicates ?? 0,
            latePackets: Int64(stats?.latePackets ?? 0),
            burstRatio: playout?.lossPattern.burstRatio ?? 1,
            codec: .opusProvisional)
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
            networkOneWayDelayMilliseconds: oneWayDelay.count > 0 ? oneWayDelay.percentileMilliseconds(50) : nil)
    }
}
