/// RFC 3611 §4.7 VoIP Metrics report block (BT=7, block length 8 → 36 bytes on the wire).
///
/// Conventions from the RFC: rates and densities are fixed-point fractions with the binary point
/// at the left edge (value / 256); 127 means "unavailable" for signal/noise level, RERL, R factors
/// and MOS; MOS values are ×10 (10...50); durations and delays are milliseconds.
public struct VoIPMetricsBlock: Sendable, Hashable {
    public static let blockType: UInt8 = 7
    /// Field value meaning "not available" for level, RERL, R factor and MOS fields.
    public static let unavailable: UInt8 = 127
    static let blockLengthWords: UInt16 = 8

    /// Source the metrics describe.
    public var ssrc: UInt32
    /// Fraction of packets lost in the network, value / 256.
    public var lossRate: UInt8
    /// Fraction of packets discarded (late/early) by the jitter buffer, value / 256.
    public var discardRate: UInt8
    /// Fraction of packets lost or discarded within bursts, value / 256.
    public var burstDensity: UInt8
    /// Fraction of packets lost or discarded within gaps, value / 256.
    public var gapDensity: UInt8
    /// Mean burst duration in milliseconds.
    public var burstDurationMilliseconds: UInt16
    /// Mean gap duration in milliseconds.
    public var gapDurationMilliseconds: UInt16
    /// Most recent round-trip delay in milliseconds (e.g. from RTCP SR/RR).
    public var roundTripDelayMilliseconds: UInt16
    /// Internal end-system delay (encode, jitter buffer, decode) in milliseconds.
    public var endSystemDelayMilliseconds: UInt16
    /// Speech signal level relative to 0 dBm0, in dB, signed (127 = unavailable).
    public var signalLevelDB: Int8
    /// Background noise level relative to 0 dBm0, in dB, signed (127 = unavailable).
    public var noiseLevelDB: Int8
    /// Residual echo return loss in dB (127 = unavailable).
    public var residualEchoReturnLossDB: UInt8
    /// Gap threshold: lost packets needed to end a gap (RFC recommends 16).
    public var gMin: UInt8
    /// R factor 0...100 (127 = unavailable).
    public var rFactor: UInt8
    /// External R factor 0...100 for the other network segment (127 = unavailable).
    public var externalRFactor: UInt8
    /// Listening-quality MOS × 10, 10...50 (127 = unavailable).
    public var mosLQ: UInt8
    /// Conversational-quality MOS × 10, 10...50 (127 = unavailable).
    public var mosCQ: UInt8
    /// Receiver configuration byte: PLC (bits 7-6), JBA (bits 5-4), JB rate (bits 3-0).
    public var receiverConfiguration: UInt8
    /// Nominal jitter buffer delay in milliseconds.
    public var jitterBufferNominalMilliseconds: UInt16
    /// Current maximum jitter buffer delay in milliseconds.
    public var jitterBufferMaximumMilliseconds: UInt16
    /// Absolute maximum jitter buffer delay in milliseconds.
    public var jitterBufferAbsoluteMaximumMilliseconds: UInt16

    public init(
        ssrc: UInt32, lossRate: UInt8 = 0, discardRate: UInt8 = 0, burstDensity: UInt8 = 0,
        gapDensity: UInt8 = 0, burstDurationMilliseconds: UInt16 = 0, gapDurationMilliseconds: UInt16 = 0,
        roundTripDelayMilliseconds: UInt16 = 0, endSystemDelayMilliseconds: UInt16 = 0,
        signalLevelDB: Int8 = 127, noiseLevelDB: Int8 = 127, residualEchoReturnLossDB: UInt8 = 127,
        gMin: UInt8 = 16, rFactor: UInt8 = 127, externalRFactor: UInt8 = 127, mosLQ: UInt8 = 127,
        mosCQ: UInt8 = 127, receiverConfiguration: UInt8 = 0, jitterBufferNominalMilliseconds: UInt16 = 0,
        jitterBufferMaximumMilliseconds: UInt16 = 0, jitterBufferAbsoluteMaximumMilliseconds: UInt16 = 0
    ) {
        self.ssrc = ssrc
        self.lossRate = lossRate
        self.discardRate = discardRate
        self.burstDensity = burstDensity
        self.gapDensity = gapDensity
        self.burstDurationMilliseconds = burstDurationMilliseconds
        self.gapDurationMilliseconds = gapDurationMilliseconds
        self.roundTripDelayMilliseconds = roundTripDelayMilliseconds
        self.endSystemDelayMilliseconds = endSystemDelayMilliseconds
        self.signalLevelDB = signalLevelDB
        self.noiseLevelDB = noiseLevelDB
        self.residualEchoReturnLossDB = residualEchoReturnLossDB
        self.gMin = gMin
        self.rFactor = rFactor
        self.externalRFactor = externalRFactor
        self.mosLQ = mosLQ
        self.mosCQ = mosCQ
        self.receiverConfiguration = receiverConfiguration
        self.jitterBufferNominalMilliseconds = jitterBufferNominalMilliseconds
        self.jitterBufferMaximumMilliseconds = jitterBufferMaximumMilliseconds
        self.jitterBufferAbsoluteMaximumMilliseconds = jitterBufferAbsoluteMaximumMilliseconds
    }

    /// Converts a fraction 0...1 to the 8-bit fixed-point form (value × 256, clamped to 255).
    public static func fixedPointFraction(_ fraction: Double) -> UInt8 {
        guard fraction.isFinite, fraction > 0 else { return 0 }
        return UInt8(min((fraction * 256).rounded(.down), 255))
    }

    /// Loss rate as a fraction 0 ..< 1.
    public var lossFraction: Double { Double(lossRate) / 256 }
    /// Discard rate as a fraction 0 ..< 1.
    public var discardFraction: Double { Double(discardRate) / 256 }

    /// Parses the 32-byte body after the block header; `nil` if fewer bytes remain.
    static func read(_ reader: inout ByteReader) -> VoIPMetricsBlock? {
        guard reader.remaining >= 32, let ssrc = reader.readUInt32(), let rates = reader.readUInt32(),
              let burstDuration = reader.readUInt16(), let gapDuration = reader.readUInt16(),
              let roundTrip = reader.readUInt16(), let endSystem = reader.readUInt16(),
              let levels = reader.readUInt32(), let quality = reader.readUInt32(),
              let rxConfig = reader.readUInt8(), reader.skip(1),
              let jbNominal = reader.readUInt16(), let jbMaximum = reader.readUInt16(),
              let jbAbsMax = reader.readUInt16()
        else { return nil }
        func byte(_ word: UInt32, _ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: word >> (24 - 8 * index)) }
        return VoIPMetricsBlock(
            ssrc: ssrc, lossRate: byte(rates, 0), discardRate: byte(rates, 1), burstDensity: byte(rates, 2),
            gapDensity: byte(rates, 3), burstDurationMilliseconds: burstDuration,
            gapDurationMilliseconds: gapDuration, roundTripDelayMilliseconds: roundTrip,
            endSystemDelayMilliseconds: endSystem, signalLevelDB: Int8(bitPattern: byte(levels, 0)),
            noiseLevelDB: Int8(bitPattern: byte(levels, 1)), residualEchoReturnLossDB: byte(levels, 2),
            gMin: byte(levels, 3), rFactor: byte(quality, 0), externalRFactor: byte(quality, 1),
            mosLQ: byte(quality, 2), mosCQ: byte(quality, 3), receiverConfiguration: rxConfig,
            jitterBufferNominalMilliseconds: jbNominal, jitterBufferMaximumMilliseconds: jbMaximum,
            jitterBufferAbsoluteMaximumMilliseconds: jbAbsMax)
    }

    /// Appends the whole 36-byte block including its header.
    func write(into out: inout [UInt8]) {
        out.append(Self.blockType)
        out.append(0)
        out.appendBigEndian(Self.blockLengthWords)
        out.appendBigEndian(ssrc)
        out.append(contentsOf: [lossRate, discardRate, burstDensity, gapDensity])
        out.appendBigEndian(burstDurationMilliseconds)
        out.appendBigEndian(gapDurationMilliseconds)
        out.appendBigEndian(roundTripDelayMilliseconds)
        out.appendBigEndian(endSystemDelayMilliseconds)
        out.append(contentsOf: [
            UInt8(bitPattern: signalLevelDB), UInt8(bitPattern: noiseLevelDB), residualEchoReturnLossDB, gMin,
        ])
        out.append(contentsOf: [rFactor, externalRFactor, mosLQ, mosCQ])
        out.append(receiverConfiguration)
        out.append(0)
        out.appendBigEndian(jitterBufferNominalMilliseconds)
        out.appendBigEndian(jitterBufferMaximumMilliseconds)
        out.appendBigEndian(jitterBufferAbsoluteMaximumMilliseconds)
    }
}
