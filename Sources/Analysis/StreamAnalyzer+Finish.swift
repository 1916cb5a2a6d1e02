import Capture
import Stats

extension StreamAnalyzer {
    /// Ends the analysis: every stream's report (most troubled first) and chart data. Throws
    /// when a replay fails to finish (e.g. its WAV cannot be written).
    public mutating func finish(files: [String], capture: CaptureCounters) throws -> AnalysisResult {
        var unconfirmed = counters.unconfirmedPackets
        for candidate in candidates.values { unconfirmed += candidate.held.count + candidate.dropped }
        counters.unconfirmedPackets = unconfirmed
        candidates.removeAll()
        var pairs: [(StreamReport, AnalysisChartStream)] = []
        let found = streams
        streams.removeAll()
        streamIndex.removeAll()
        for var stream in found {
            pairs.append(try Self.report(&stream, rtcp: rtcp[stream.key.ssrc]))
        }
        pairs.sort { StreamReport.troubledFirst($0.0, $1.0) }
        let report = AnalysisReport(
            files: files, capture: capture, streams: pairs.map(\.0), rtcpStreams: rtcp.count,
            srtcpPackets: counters.srtcpPackets, analyzer: AnalyzerCountersReport(counters))
        return AnalysisResult(report: report, charts: pairs.map(\.1))
    }

    static func report(_ stream: inout StreamAnalysis, rtcp: RTCPObservation?) throws -> (StreamReport, AnalysisChartStream) {
        stream.finishLossWindow()
        let statistics = stream.statistics
        let clock = stream.codec?.clockRateHertz
        var notes: [String] = []
        if clock == nil {
            notes.append(
                "unknown clock rate for payload type \(stream.payloadType): jitter, skew and drift not computed "
                    + "(give --payload-type \(stream.payloadType)=NAME/RATE or --sdp)")
        }
        var results: [PlayoutResult] = []
        var curve: [PlayoutDelayPoint] = []
        var needed: [String: Nullable<Double>] = ["1": Nullable(nil), "0.1": Nullable(nil)]
        if var playout = stream.playout {
            results = try playout.finish()
            curve = playout.delayCurve
            needed["1"] = Nullable(playout.delayNeeded(forLateLossPercent: 1))
            needed["0.1"] = Nullable(playout.delayNeeded(forLateLossPercent: 0.1))
        } else if let error = stream.playoutError {
            notes.append("jitter buffer replay not run: \(error)")
        }
        let expected = statistics.totalExpectedPackets
        let lost = statistics.lostPackets
        let durationSeconds = Double(stream.lastArrivalNanoseconds.clampedDifference(stream.firstArrivalNanoseconds)) / 1e9
        let loss = stream.lossWindow.analyzer
        let packetMilliseconds = Self.packetMilliseconds(stream)
        let burstGap = loss.exactBurstGapMetrics(packetDurationMilliseconds: packetMilliseconds)
        var bursts: [String: Int] = [:]
        for (index, count) in stream.lossWindow.burstHistogram.enumerated() {
            bursts[index == 9 ? "10+" : String(index + 1)] = count
        }
        let delay = stream.oneWayDelay
        let oneWay: OneWayDelayReport? =
            delay.count == 0
            ? nil
            : OneWayDelayReport(
                packets: delay.count, p50: delay.percentileMilliseconds(50), p99: delay.percentileMilliseconds(99),
                max: delay.maximumMilliseconds)
        let jitter = clock == nil ? nil : statistics.jitterMilliseconds
        let key = stream.key
        let report = StreamReport(
            ssrc: key.ssrcText, ssrcValue: key.ssrc, source: key.source.text, destination: key.destination.text,
            transport: key.transport.rawValue, payloadType: Int(stream.payloadType), codec: Nullable(stream.codec?.name),
            clockRateHertz: Nullable(clock), notes: notes, packets: stream.packets, expected: expected, lost: lost,
            lossPercent: expected > 0 ? Double(lost) * 100 / Double(expected) : 0,
            rfc3550CumulativeLost: statistics.rfc3550CumulativeLost, duplicates: statistics.duplicatePackets,
            outOfOrder: statistics.reorderedPackets, sequenceErrors: stream.wireshark.sequenceErrors,
            wrongTimestamps: statistics.wrongTimestampPackets, jitterMilliseconds: Nullable(jitter),
            maximumJitterMilliseconds: Nullable(clock == nil ? nil : stream.maximumJitterMilliseconds),
            maximumDeltaMilliseconds: Double(stream.wireshark.maximumDeltaNanoseconds) / 1e6,
            skewMilliseconds: Nullable(clock == nil ? nil : stream.clockFit.maximumSkewMilliseconds),
            driftPartsPerMillion: Nullable(clock == nil ? nil : stream.clockFit.driftPartsPerMillion),
            durationSeconds: durationSeconds,
            bitrateKilobitsPerSecond: durationSeconds > 0 ? Double(stream.bytes) * 8 / durationSeconds / 1_000 : 0,
            lossBursts: bursts,
            burstGap: BurstGapReport(
                burstDensity: burstGap.burstDensity, gapDensity: burstGap.gapDensity,
                burstDurationMilliseconds: burstGap.burstDurationMilliseconds,
                gapDurationMilliseconds: burstGap.gapDurationMilliseconds),
            gilbertElliott: GilbertElliottReport(p: loss.goodToBadProbability, r: loss.badToGoodProbability),
            dtxGaps: stream.steps.gaps, markers: stream.markers, oneWayDelayMilliseconds: Nullable(oneWay),
            rtcp: RTCPReport(
                observation: rtcp, clockRateHertz: clock, captureCumulativeLost: statistics.rfc3550CumulativeLost,
                captureJitterMilliseconds: jitter, capturePackets: stream.packets),
            jitterBuffers: results, delayNeededMilliseconds: needed,
            delayCurve: curve.map { DelayCurvePoint(delayMilliseconds: $0.delayMilliseconds, lateLossPercent: $0.lateLossPercent) })
        let label = "\(key.ssrcText) \(key.source.text) → \(key.destination.text)"
        let chart = AnalysisChartStream(label: label, timeline: stream.timeline, delayCurve: curve, results: results)
        return (report, chart)
    }

    /// Media time of one packet, ms: the usual timestamp step over the clock rate (20 ms when unknown).
    static func packetMilliseconds(_ stream: StreamAnalysis) -> Double {
        guard let clock = stream.codec?.clockRateHertz, let step = stream.steps.packetStep else { return 20 }
        return Double(step) * 1_000 / Double(clock)
    }
}
