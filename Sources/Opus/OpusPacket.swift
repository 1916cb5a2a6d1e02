internal import COpus
internal import COpusShim

/// Inspection of Opus packets without decoding them (RFC 6716 §3), wrapping `opus_packet_*`.
/// All functions are pure and thread-safe; malformed input throws `OpusError`, never traps.
public enum OpusPacket {
    /// Total samples per channel the packet decodes to at `sampleRate` Hz (all frames).
    /// - Throws: `OpusError.Code.invalidPacket` for a malformed packet or > 120 ms of audio,
    ///   `.badArgument` for an empty packet or a sample rate not accepted by Opus.
    public static func sampleCount(_ packet: [UInt8], sampleRate: Int) throws(OpusError) -> Int {
        try requireNonEmpty(packet, "sampleCount")
        guard OpusEncoderConfiguration.supportedSampleRates.contains(sampleRate) else {
            throw OpusError(.badArgument, detail: "sampleCount at unsupported sample rate \(sampleRate) Hz")
        }
        let result = packet.withUnsafeBufferPointer { bytes in
            bytes.baseAddress.map { opus_packet_get_nb_samples($0, Int32(bytes.count), Int32(sampleRate)) }
                ?? OPUS_BAD_ARG
        }
        guard result > 0 else { throw OpusError(code: result, detail: "sampleCount of a \(packet.count)-byte packet") }
        return Int(result)
    }

    /// Number of Opus frames in the packet (1...48), from the TOC code and, for code 3, the
    /// frame count byte (RFC 6716 §3.2).
    public static func frameCount(_ packet: [UInt8]) throws(OpusError) -> Int {
        try requireNonEmpty(packet, "frameCount")
        let result = packet.withUnsafeBufferPointer { bytes in
            bytes.baseAddress.map { opus_packet_get_nb_frames($0, Int32(bytes.count)) } ?? OPUS_BAD_ARG
        }
        guard result > 0 else { throw OpusError(code: result, detail: "frameCount of a \(packet.count)-byte packet") }
        return Int(result)
    }

    /// Samples per channel in each frame at `sampleRate` Hz, from the TOC byte alone.
    public static func samplesPerFrame(_ packet: [UInt8], sampleRate: Int) throws(OpusError) -> Int {
        try requireNonEmpty(packet, "samplesPerFrame")
        guard OpusEncoderConfiguration.supportedSampleRates.contains(sampleRate) else {
            throw OpusError(.badArgument, detail: "samplesPerFrame at unsupported sample rate \(sampleRate) Hz")
        }
        return packet.withUnsafeBufferPointer { bytes in
            bytes.baseAddress.map { Int(opus_packet_get_samples_per_frame($0, Int32(sampleRate))) } ?? 0
        }
    }

    /// Coded audio bandwidth from the TOC byte.
    public static func bandwidth(_ packet: [UInt8]) throws(OpusError) -> OpusBandwidth {
        try requireNonEmpty(packet, "bandwidth")
        let raw = packet.withUnsafeBufferPointer { bytes in
            bytes.baseAddress.map { opus_packet_get_bandwidth($0) } ?? OPUS_INVALID_PACKET
        }
        guard let bandwidth = OpusBandwidth(libopusValue: raw) else {
            throw OpusError(code: raw < 0 ? raw : OPUS_INVALID_PACKET, detail: "bandwidth of a \(packet.count)-byte packet")
        }
        return bandwidth
    }

    /// Coded channel count (1 or 2) from the TOC stereo bit. A decoder can output either count.
    public static func channelCount(_ packet: [UInt8]) throws(OpusError) -> Int {
        try requireNonEmpty(packet, "channelCount")
        return packet.withUnsafeBufferPointer { bytes in
            bytes.baseAddress.map { Int(opus_packet_get_nb_channels($0)) } ?? 0
        }
    }

    /// Coding mode (SILK, hybrid, CELT) from the TOC byte.
    public static func mode(_ packet: [UInt8]) throws(OpusError) -> OpusMode {
        try requireNonEmpty(packet, "mode")
        return OpusMode(tocByte: packet[0])
    }

    /// Byte size of every frame after fully validating the packet's framing
    /// (RFC 6716 §3.4 requirements R1-R7, via `opus_packet_parse`). A size of 0 is a DTX/lost frame.
    public static func frameByteCounts(_ packet: [UInt8]) throws(OpusError) -> [Int] {
        try requireNonEmpty(packet, "frameByteCounts")
        var sizes = [Int16](repeating: 0, count: 48)
        let count = packet.withUnsafeBufferPointer { bytes in
            sizes.withUnsafeMutableBufferPointer { sizeBuffer in
                guard let source = bytes.baseAddress, let target = sizeBuffer.baseAddress else { return OPUS_BAD_ARG }
                return copus_packet_frame_sizes(source, Int32(bytes.count), target, nil)
            }
        }
        guard count > 0 else { throw OpusError(code: count, detail: "parse of a \(packet.count)-byte packet") }
        return sizes.prefix(Int(count)).map(Int.init)
    }

    /// Whether the first frame carries SILK LBRR (in-band FEC) data for the previous frame, read
    /// from the LBRR flag that follows the VAD flags at the start of the SILK layer
    /// (RFC 6716 §4.2.3-4.2.4; for stereo, either the mid or the side flag). Always false for
    /// CELT-only packets and zero-length (DTX) frames.
    public static func hasLBRR(_ packet: [UInt8]) throws(OpusError) -> Bool {
        try requireNonEmpty(packet, "hasLBRR")
        let result = packet.withUnsafeBufferPointer { bytes in
            bytes.baseAddress.map { copus_packet_has_lbrr($0, Int32(bytes.count)) } ?? OPUS_BAD_ARG
        }
        guard result >= 0 else { throw OpusError(code: result, detail: "hasLBRR of a \(packet.count)-byte packet") }
        return result == 1
    }

    /// ``hasLBRR(_:)-([UInt8])`` on borrowed bytes (the receive path's form: no copy).
    public static func hasLBRR(_ packet: UnsafeRawBufferPointer) throws(OpusError) -> Bool {
        guard let base = packet.baseAddress, !packet.isEmpty else {
            throw OpusError(.badArgument, detail: "hasLBRR of an empty packet (no TOC byte)")
        }
        let result = copus_packet_has_lbrr(base.assumingMemoryBound(to: UInt8.self), Int32(packet.count))
        guard result >= 0 else { throw OpusError(code: result, detail: "hasLBRR of a \(packet.count)-byte packet") }
        return result == 1
    }

    private static func requireNonEmpty(_ packet: [UInt8], _ operation: String) throws(OpusError) {
        guard !packet.isEmpty else {
            throw OpusError(.badArgument, detail: "\(operation) of an empty packet (no TOC byte)")
        }
    }
}
