/// Whether a payload is shaped like an Opus packet (RFC 6716 §3.1 TOC byte, §3.2 framing), used
/// to give a dynamic payload type without signalling the 48 kHz Opus clock.
public enum OpusPacketShape {
    /// Frame duration of TOC configuration 0...31 (RFC 6716 Table 2), µs.
    static func frameMicroseconds(config: Int) -> Int {
        switch config {
        case 0...11: [10_000, 20_000, 40_000, 60_000][config % 4]
        case 12...15: [10_000, 20_000][config % 2]
        default: [2_500, 5_000, 10_000, 20_000][config % 4]
        }
    }

    /// RFC 6716 §3.2: the packet's frame lengths are consistent with its length (R1–R7), and the
    /// packet holds at most 120 ms of audio. An empty payload is not Opus.
    public static func isPlausible(_ payload: ArraySlice<UInt8>) -> Bool {
        guard let toc = payload.first else { return false }
        let count = payload.count
        let base = payload.startIndex
        let frameMicros = frameMicroseconds(config: Int(toc >> 3))
        switch toc & 0x3 {
        case 0:
            return count - 1 <= 1_275
        case 1:
            // R3: two frames of equal length, so N − 1 is even.
            return (count - 1) % 2 == 0 && (count - 1) / 2 <= 1_275
        case 2:
            // R4: a length for the first frame, no larger than what remains.
            guard count >= 2 else { return false }
            let first = Int(payload[base + 1])
            var headerBytes = 2
            var length = first
            if first >= 252 {
                guard count >= 3 else { return false }
                length = first + 4 * Int(payload[base + 2])
                headerBytes = 3
            }
            return length <= count - headerBytes && length <= 1_275 && count - headerBytes - length <= 1_275
        default:
            // R5–R7: a frame count byte, 1...48 frames, at most 120 ms.
            guard count >= 2 else { return false }
            let frameCount = Int(payload[base + 1] & 0x3F)
            guard frameCount >= 1, frameCount * frameMicros <= 120_000 else { return false }
            let hasPadding = payload[base + 1] & 0x40 != 0
            var offset = 2
            var padding = 0
            if hasPadding {
                while true {
                    guard offset < count else { return false }
                    let byte = Int(payload[base + offset])
                    offset += 1
                    padding += byte == 255 ? 254 : byte
                    if byte != 255 { break }
                }
            }
            let isVBR = payload[base + 1] & 0x80 != 0
            guard offset + padding <= count else { return false }
            let dataBytes = count - offset - padding
            if !isVBR { return dataBytes % frameCount == 0 && dataBytes / frameCount <= 1_275 }
            // VBR: M − 1 lengths, then the last frame takes the rest.
            var used = 0
            var index = offset
            for _ in 0..<(frameCount - 1) {
                guard index < count else { return false }
                var length = Int(payload[base + index])
                index += 1
                if length >= 252 {
                    guard index < count else { return false }
                    length += 4 * Int(payload[base + index])
                    index += 1
                }
                used += length
            }
            return index + used + padding <= count
        }
    }
}
