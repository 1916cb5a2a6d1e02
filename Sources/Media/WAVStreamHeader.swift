/// The canonical 44-byte header of a 16-bit PCM WAV whose length is not known in advance.
///
/// Both the RIFF size and the `data` size are 0xFFFFFFFF, the streaming convention that ffmpeg,
/// sox and aplay accept (and that `AudioFileReader` accepts on pipes): read until end of stream.
enum WAVStreamHeader {
    static let byteCount = 44
    static let unknownSize: UInt32 = 0xFFFF_FFFF

    static func bytes(for format: AudioFormat) -> [UInt8] {
        let channels = UInt16(clamping: format.channels)
        let sampleRate = UInt32(clamping: format.sampleRate)
        let blockAlign = channels &* 2
        let byteRate = sampleRate &* UInt32(blockAlign)
        var out: [UInt8] = []
        out.reserveCapacity(byteCount)
        out += Array("RIFF".utf8); append(unknownSize, to: &out)
        out += Array("WAVE".utf8)
        out += Array("fmt ".utf8); append(UInt32(16), to: &out)
        append(UInt16(1), to: &out)  // WAVE_FORMAT_PCM
        append(channels, to: &out)
        append(sampleRate, to: &out)
        append(byteRate, to: &out)
        append(blockAlign, to: &out)
        append(UInt16(16), to: &out)  // bits per sample
        out += Array("data".utf8); append(unknownSize, to: &out)
        return out
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out += $0 }
    }
}
