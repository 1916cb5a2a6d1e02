import JitterbugSupport
import RTP
import Stats

/// What the receiver knows for one RFC 3611 §4.7 VoIP Metrics block.
public struct VoIPMetricsInputs: Sendable {
    /// Per-sequence-number fates (late packets fed as `.discarded`), Gmin 16 by default.
    public var lossPattern: LossPatternAnalyzer
    /// Media duration of one RTP packet in ms (e.g. 20).
    public var packetDurationMilliseconds: Double
    /// Jitter-buffer delays.
    public var jitterBuffer: JitterBufferFigures
    /// Codec frame + look-ahead delay in ms, added to the buffer delay for the end-system delay.
    public var codecDelayMilliseconds: Double
    /// Network one-way delay in ms if measured (synchronised clocks); when `nil`, half the
    /// round-trip time is used if known, else 0.
    public var networkOneWayDelayMilliseconds: Double?
    /// Codec impairment for the E-model.
    public var codec: CodecImpairment
    /// RX config PLC (Opus has built-in concealment: `.enhanced`).
    public var plc: VoIPMetricsBlock.PacketLossConcealment

    public init(
        lossPattern: LossPatternAnalyzer, packetDurationMilliseconds: Double, jitterBuffer: JitterBufferFigures,
        codecDelayMilliseconds: Double, networkOneWayDelayMilliseconds: Double? = nil,
        codec: CodecImpairment = .opusProvisional, plc: VoIPMetricsBlock.PacketLossConcealment = .enhanced
    ) {
        self.lossPattern = lossPattern
        self.packetDurationMilliseconds = packetDurationMilliseconds
        self.jitterBuffer = jitterBuffer
        self.codecDelayMilliseconds = codecDelayMilliseconds
        self.networkOneWayDelayMilliseconds = networkOneWayDelayMilliseconds
        self.codec = codec
        self.plc = plc
    }

    /// Builds the block about `sourceSSRC` and the quality estimate behind its R/MOS fields.
    /// - Parameter roundTripTime: the latest RTT, `nil` when unknown (field 0 per RFC 3611).
    public func makeBlock(sourceSSRC: UInt32, roundTripTime: Duration?) -> (block: VoIPMetricsBlock, quality: QualityEstimate) {
        let metrics = lossPattern.burstGapMetrics(packetDurationMilliseconds: packetDurationMilliseconds)
        let rttMilliseconds = roundTripTime.map(\.milliseconds)
        let endSystemMilliseconds = jitterBuffer.currentDelayMilliseconds + codecDelayMilliseconds
        let lossPercent = (lossFraction + discardFraction) * 100
        let quality = QualityEstimate(
            oneWayDelayMilliseconds: (networkOneWayDelayMilliseconds ?? (rttMilliseconds ?? 0) / 2)
                + endSystemMilliseconds,
            effectiveLossPercent: lossPercent, burstRatio: lossPattern.burstRatio, codec: codec)
        let block = VoIPMetricsBlock(
            ssrc: sourceSSRC, lossRate: VoIPMetricsBlock.fixedPointFraction(lossFraction),
            discardRate: VoIPMetricsBlock.fixedPointFraction(discardFraction),
            burstDensity: metrics.burstDensityField, gapDensity: metrics.gapDensityField,
            burstDurationMilliseconds: metrics.burstDurationField, gapDurationMilliseconds: metrics.gapDurationField,
            roundTripDelayMilliseconds: rttMilliseconds.map(Self.sixteenBit) ?? 0,
            endSystemDelayMilliseconds: Self.sixteenBit(endSystemMilliseconds),
            gMin: UInt8(clamping: lossPattern.minimumGapPackets),
            rFactor: UInt8(clamping: Int(min(100, max(0, quality.rFactor)).rounded())),
            mosLQ: Self.mosField(quality.listeningMOS), mosCQ: Self.mosField(quality.mos),
            receiverConfiguration: VoIPMetricsBlock.receiverConfiguration(
                plc: plc, adaptivity: jitterBuffer.isAdaptive ? .adaptive : .nonAdaptive,
                jitterBufferRate: jitterBuffer.adjustmentRate),
            jitterBufferNominalMilliseconds: Self.sixteenBit(jitterBuffer.nominalDelayMilliseconds),
            jitterBufferMaximumMilliseconds: Self.sixteenBit(jitterBuffer.maximumDelayMilliseconds),
            jitterBufferAbsoluteMaximumMilliseconds: Self.sixteenBit(jitterBuffer.absoluteMaximumDelayMilliseconds))
        return (block, quality)
    }

    /// RFC 3611 §4.7.1 loss rate: packets lost over all packets since reception began.
    /// (`BurstGapMetrics.lossRate` divides by the A.2 transition total instead, which leaves out
    /// the packets after the last loss, so it is not used for this field.)
    public var lossFraction: Double {
        let total = lossPattern.receivedCount + lossPattern.lossCount + lossPattern.discardCount
        return total == 0 ? 0 : Double(lossPattern.lossCount) / Double(total)
    }

    /// RFC 3611 §4.7.1 discard rate: packets discarded (late) over all packets.
    public var discardFraction: Double {
        let total = lossPattern.receivedCount + lossPattern.lossCount + lossPattern.discardCount
        return total == 0 ? 0 : Double(lossPattern.discardCount) / Double(total)
    }

    /// Milliseconds rounded to the 16-bit field, clamped to 0...65535 (non-finite → 0).
    static func sixteenBit(_ milliseconds: Double) -> UInt16 {
        guard milliseconds.isFinite, milliseconds > 0 else { return 0 }
        return UInt16(min(65_535, milliseconds.rounded()))
    }

    /// MOS 1...5 as the ×10 field, clamped to 10...50.
    static func mosField(_ mos: Double) -> UInt8 {
        guard mos.isFinite else { return VoIPMetricsBlock.unavailable }
        return UInt8(min(50, max(10, (mos * 10).rounded())))
    }
}
