internal import COpus
internal import COpusShim

/// An Opus encoder (RFC 6716) holding one libopus `OpusEncoder` state.
///
/// Concurrency: the libopus state is mutated by every call, so an instance must be used from one
/// task at a time. The type is deliberately not `Sendable`; keep it inside the actor or task that
/// produces the audio. The C state is freed exactly once, in `deinit`.
public final class OpusEncoder {
    /// Largest packet libopus can produce for one call (RFC 6716 §3.4: 3 × 1275 bytes of frame
    /// data plus framing); the recommended output buffer size.
    public static let maxPacketBytes = 4_000
    /// Packets of this many bytes or fewer, produced while DTX is on, carry no audio and need not
    /// be transmitted (RFC 7587 §3.1.3).
    public static let dtxPacketMaxBytes = 2

    /// The (validated) configuration the encoder was created with.
    public let configuration: OpusEncoderConfiguration
    /// Non-nil from a successful init until deinit.
    private let state: OpaquePointer

    /// Creates and configures the encoder.
    /// - Throws: `OpusConfigurationError` for out-of-range settings, `OpusError` if libopus fails.
    public init(_ configuration: OpusEncoderConfiguration) throws {
        try configuration.validate()
        var status: Int32 = OPUS_OK
        let created = opus_encoder_create(
            Int32(configuration.sampleRate), Int32(configuration.channels),
            configuration.application.libopusValue, &status)
        guard status == OPUS_OK, let created else {
            throw OpusError(code: status == OPUS_OK ? OpusError.Code.allocationFailure.rawValue : status,
                            detail: "opus_encoder_create")
        }
        // From here on `deinit` owns `created`, even when a ctl below throws.
        self.state = created
        self.configuration = configuration
        try Self.check(copus_encoder_set_bitrate(state, Int32(configuration.bitrate)), "set bitrate")
        try Self.check(copus_encoder_set_complexity(state, Int32(configuration.complexity)), "set complexity")
        try Self.check(copus_encoder_set_inband_fec(state, configuration.inbandFEC ? 1 : 0), "set inband FEC")
        try Self.check(
            copus_encoder_set_packet_loss_perc(state, Int32(configuration.expectedLossPercent)),
            "set packet loss percent")
        try Self.check(copus_encoder_set_dtx(state, configuration.dtx ? 1 : 0), "set DTX")
        try Self.check(copus_encoder_set_signal(state, configuration.signal.libopusValue), "set signal")
        if configuration.constantBitrate {
            try Self.check(copus_encoder_set_vbr(state, 0), "set VBR off")
        }
    }

    deinit {
        opus_encoder_destroy(state)
    }

    /// Encodes exactly one frame of interleaved 16-bit PCM.
    /// - Parameter pcm: `configuration.interleavedFrameSamples` samples (frameSamples × channels).
    /// - Returns: one Opus packet (1 ... `maxPacketBytes` bytes). With DTX on, a packet for which
    ///   `isDTXFrame(_:)` is true need not be sent.
    /// - Throws: `OpusError` (`badArgument` naming the expected count if `pcm` has the wrong size).
    public func encode(_ pcm: [Int16]) throws(OpusError) -> [UInt8] {
        try checkInputCount(pcm.count)
        let frameSamples = Int32(configuration.frameSamples)
        var status: Int32 = 0
        let packet = pcm.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: Self.maxPacketBytes) { output, count in
                // Both buffers are non-empty (count checked above), so the addresses exist.
                guard let source = input.baseAddress, let target = output.baseAddress else {
                    status = OPUS_BAD_ARG
                    return
                }
                status = opus_encode(state, source, frameSamples, target, Int32(Self.maxPacketBytes))
                count = status > 0 ? Int(status) : 0
            }
        }
        guard status > 0 else { throw OpusError(code: status, detail: "opus_encode") }
        return packet
    }

    /// Encodes exactly one frame of interleaved Float PCM (nominal range -1 ... 1).
    /// Same contract as `encode(_: [Int16])`.
    public func encode(_ pcm: [Float]) throws(OpusError) -> [UInt8] {
        try checkInputCount(pcm.count)
        let frameSamples = Int32(configuration.frameSamples)
        var status: Int32 = 0
        let packet = pcm.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: Self.maxPacketBytes) { output, count in
                // Both buffers are non-empty (count checked above), so the addresses exist.
                guard let source = input.baseAddress, let target = output.baseAddress else {
                    status = OPUS_BAD_ARG
                    return
                }
                status = opus_encode_float(state, source, frameSamples, target, Int32(Self.maxPacketBytes))
                count = status > 0 ? Int(status) : 0
            }
        }
        guard status > 0 else { throw OpusError(code: status, detail: "opus_encode_float") }
        return packet
    }

    /// True when DTX is enabled and `packet` (from this encoder) is a ≤ 2-byte DTX frame: it
    /// carries no audio and the sender may skip it. libopus itself emits a full packet at least
    /// every 400 ms of silence, which satisfies RFC 7587 §3.1.3's periodic-update behaviour.
    public func isDTXFrame(_ packet: [UInt8]) -> Bool {
        configuration.dtx && packet.count <= Self.dtxPacketMaxBytes
    }

    /// Encoder delay in samples per channel at the configured rate (`OPUS_GET_LOOKAHEAD`;
    /// 312 at 48 kHz for voip/audio: 2.5 ms CELT look-ahead + 4 ms delay compensation).
    public func lookaheadSamples() throws(OpusError) -> Int {
        var value: Int32 = 0
        try Self.check(copus_encoder_get_lookahead(state, &value), "get lookahead")
        return Int(value)
    }

    /// The range coder's final state after the last packet (`OPUS_GET_FINAL_RANGE`); equals the
    /// decoder's after decoding that packet, so it can verify bit-exact transport.
    public func finalRange() throws(OpusError) -> UInt32 {
        var value: UInt32 = 0
        try Self.check(copus_encoder_get_final_range(state, &value), "get final range")
        return value
    }

    /// Whether the encoder is currently in DTX (`OPUS_GET_IN_DTX`); false when DTX is off.
    public func isInDTX() throws(OpusError) -> Bool {
        var value: Int32 = 0
        try Self.check(copus_encoder_get_in_dtx(state, &value), "get in DTX")
        return value != 0
    }

    /// Resets the codec state as if freshly created (`OPUS_RESET_STATE`); settings are kept.
    public func reset() throws(OpusError) {
        try Self.check(copus_encoder_reset_state(state), "reset state")
    }

    private func checkInputCount(_ count: Int) throws(OpusError) {
        let expected = configuration.interleavedFrameSamples
        guard count == expected else {
            throw OpusError(
                .badArgument,
                detail: "encode expects exactly \(expected) interleaved samples "
                    + "(\(configuration.frameSamples) per channel × \(configuration.channels) channel(s) "
                    + "for \(configuration.frameDuration) at \(configuration.sampleRate) Hz), got \(count)")
        }
    }

    static func check(_ status: Int32, _ operation: String) throws(OpusError) {
        guard status == OPUS_OK else { throw OpusError(code: status, detail: operation) }
    }
}
