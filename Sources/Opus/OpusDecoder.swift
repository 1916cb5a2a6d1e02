internal import COpus
internal import COpusShim

/// An Opus decoder (RFC 6716) holding one libopus `OpusDecoder` state, with packet loss
/// concealment (PLC) and in-band FEC recovery.
///
/// Concurrency: every call mutates the libopus state, so an instance must be used from one task at
/// a time; the type is deliberately not `Sendable`. The C state is freed exactly once, in `deinit`.
public final class OpusDecoder {
    /// Longest audio one Opus packet can hold (RFC 6716 §3.2.5: 120 ms).
    public static let maxPacketDuration: Duration = .milliseconds(120)

    /// Output sample rate in Hz (8000/12000/16000/24000/48000), independent of the encoder's.
    public let sampleRate: Int
    /// Interleaved output channels, 1 or 2.
    public let channels: Int
    /// Samples per channel in 120 ms: the decode buffer size.
    public let maxFrameSamples: Int
    private let state: OpaquePointer

    /// Creates a decoder producing `channels` interleaved channels at `sampleRate` Hz.
    /// - Throws: `OpusConfigurationError` for an unsupported rate or channel count, `OpusError`
    ///   if libopus fails.
    public init(sampleRate: Int, channels: Int) throws {
        try OpusEncoderConfiguration.validate(sampleRate: sampleRate, channels: channels)
        var status: Int32 = OPUS_OK
        let created = opus_decoder_create(Int32(sampleRate), Int32(channels), &status)
        guard status == OPUS_OK, let created else {
            throw OpusError(code: status == OPUS_OK ? OpusError.Code.allocationFailure.rawValue : status,
                            detail: "opus_decoder_create")
        }
        self.state = created
        self.sampleRate = sampleRate
        self.channels = channels
        self.maxFrameSamples = sampleRate * 120 / 1_000
    }

    deinit {
        opus_decoder_destroy(state)
    }

    /// Decodes one packet of any legal duration (2.5 ... 120 ms).
    /// - Returns: interleaved samples, `decodedSamplesPerChannel × channels` of them.
    /// - Throws: `OpusError` for an empty packet (`badArgument`; a lost packet is `conceal`) or a
    ///   malformed one (`invalidPacket`). Never traps on bad bytes.
    public func decode(_ packet: [UInt8]) throws(OpusError) -> [Int16] {
        guard !packet.isEmpty else {
            throw OpusError(.badArgument, detail: "decode of an empty packet; use conceal(frameSamples:) for a lost one")
        }
        return try decodeInt16(packet, frameSamples: maxFrameSamples, fec: false, operation: "decode")
    }

    /// Float variant of `decode(_:)`; samples in the nominal range -1 ... 1.
    public func decodeFloat(_ packet: [UInt8]) throws(OpusError) -> [Float] {
        guard !packet.isEmpty else {
            throw OpusError(.badArgument, detail: "decode of an empty packet; use conceal(frameSamples:) for a lost one")
        }
        let capacity = maxFrameSamples * channels
        var status: Int32 = 0
        let pcm = packet.withUnsafeBufferPointer { input in
            [Float](unsafeUninitializedCapacity: capacity) { output, count in
                guard let target = output.baseAddress else {
                    status = OPUS_BAD_ARG
                    return
                }
                status = opus_decode_float(state, input.baseAddress, Int32(input.count),
                                           target, Int32(maxFrameSamples), 0)
                count = status > 0 ? Int(status) * channels : 0
            }
        }
        guard status >= 0 else {
            throw OpusError(code: status, detail: "decode of a \(packet.count)-byte packet")
        }
        return pcm
    }

    /// Packet loss concealment for one lost packet (`opus_decode` with no data).
    /// - Parameter frameSamples: samples per channel to synthesise, normally the lost packet's
    ///   duration; a multiple of 2.5 ms at `sampleRate`, at most 120 ms.
    /// - Returns: `frameSamples × channels` interleaved samples extrapolated from recent audio.
    public func conceal(frameSamples: Int) throws(OpusError) -> [Int16] {
        try checkFrameSamples(frameSamples, operation: "conceal")
        return try decodeInt16(nil, frameSamples: frameSamples, fec: false, operation: "conceal")
    }

    /// Recovers a lost packet from the in-band FEC (LBRR) data carried by the packet after it
    /// (`opus_decode` with `decode_fec = 1`). Call it when packet N is lost and N+1 has arrived,
    /// then decode N+1 normally. If `nextPacket` has no LBRR data (CELT-only, FEC off, or the
    /// first packet), libopus falls back to concealment, so the result is never worse than PLC.
    /// - Parameters:
    ///   - nextPacket: packet N+1.
    ///   - frameSamples: duration of the lost packet N in samples per channel (multiple of 2.5 ms).
    /// - Returns: `frameSamples × channels` interleaved samples standing in for packet N.
    public func decodeFEC(from nextPacket: [UInt8], frameSamples: Int) throws(OpusError) -> [Int16] {
        try checkFrameSamples(frameSamples, operation: "decodeFEC")
        guard !nextPacket.isEmpty else {
            throw OpusError(.badArgument, detail: "decodeFEC from an empty packet")
        }
        return try decodeInt16(nextPacket, frameSamples: frameSamples, fec: true, operation: "decodeFEC")
    }

    /// Resets the decoder as if freshly created (`OPUS_RESET_STATE`), e.g. after an SSRC change.
    public func reset() throws(OpusError) {
        try OpusEncoder.check(copus_decoder_reset_state(state), "reset state")
    }

    /// Samples per channel produced by the last decode/conceal call
    /// (`OPUS_GET_LAST_PACKET_DURATION`).
    public func lastPacketDurationSamples() throws(OpusError) -> Int {
        var value: Int32 = 0
        try OpusEncoder.check(copus_decoder_get_last_packet_duration(state, &value), "get last packet duration")
        return Int(value)
    }

    /// The range decoder's final state (`OPUS_GET_FINAL_RANGE`); compare with the encoder's.
    public func finalRange() throws(OpusError) -> UInt32 {
        var value: UInt32 = 0
        try OpusEncoder.check(copus_decoder_get_final_range(state, &value), "get final range")
        return value
    }

    private func checkFrameSamples(_ frameSamples: Int, operation: String) throws(OpusError) {
        let quantum = sampleRate / 400  // 2.5 ms
        guard frameSamples > 0, frameSamples <= maxFrameSamples, frameSamples % quantum == 0 else {
            throw OpusError(
                .badArgument,
                detail: "\(operation) frameSamples \(frameSamples) at \(sampleRate) Hz must be a positive "
                    + "multiple of \(quantum) (2.5 ms) up to \(maxFrameSamples) (120 ms)")
        }
    }

    /// `packet == nil` means concealment. `frameSamples` is the output capacity per channel.
    private func decodeInt16(_ packet: [UInt8]?, frameSamples: Int, fec: Bool, operation: String) throws(OpusError) -> [Int16] {
        let capacity = frameSamples * channels
        var status: Int32 = 0
        let run: (UnsafePointer<UInt8>?, Int32) -> [Int16] = { data, length in
            [Int16](unsafeUninitializedCapacity: capacity) { output, count in
                guard let target = output.baseAddress else {
                    status = OPUS_BAD_ARG
                    return
                }
                status = opus_decode(self.state, data, length, target, Int32(frameSamples), fec ? 1 : 0)
                count = status > 0 ? Int(status) * self.channels : 0
            }
        }
        let pcm: [Int16]
        if let packet {
            pcm = packet.withUnsafeBufferPointer { run($0.baseAddress, Int32($0.count)) }
        } else {
            pcm = run(nil, 0)
        }
        guard status >= 0 else {
            let what = packet.map { "\(operation) of a \($0.count)-byte packet" } ?? operation
            throw OpusError(code: status, detail: what)
        }
        return pcm
    }
}
