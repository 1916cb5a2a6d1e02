/// Where the sample data of a WAV stream starts and how long it claims to be, found by walking
/// the RIFF chunks of a non-seekable stream before libsndfile sees it.
///
/// libsndfile treats a virtual file as seekable and, after the `data` chunk header, seeks past
/// the data to look for trailing chunks. On a pipe that would consume the whole stream, so the
/// virtual file we present ends exactly where the `data` chunk ends.
struct WAVStreamLayout: Sendable, Equatable {
    /// Byte offset of the first sample.
    var dataOffset: Int64
    /// Declared byte length of the sample data (0xFFFFFFFF for streamed WAVs of unknown length).
    var dataLengthBytes: Int64

    /// Chunks before `data` larger than this are rejected: they would have to be buffered whole.
    static let maximumHeaderBytes: Int64 = 1 << 20

    /// The "unknown length" marker used by streaming writers (ffmpeg, our WAVWriter on pipes).
    static let unknownLength: Int64 = 0xFFFF_FFFF

    /// The length declared for a streamed RF64 whose ds64 sizes are 0 (2^50 bytes, "endless").
    static let unknownRF64Length: Int64 = 1 << 50

    /// Walks the chunks of `stream` from offset 0 without moving its position.
    ///
    /// A declared data length of 0 (another streaming convention) is patched in the buffered
    /// header to 0xFFFFFFFF so libsndfile reads until the stream ends.
    static func scan(_ stream: DescriptorByteStream) -> Result<WAVStreamLayout, ScanFailure> {
        let head = stream.peek(at: 0, count: 12)
        guard head.count == 12 else { return .failure(.truncated) }
        let magic = String(decoding: head[0..<4], as: UTF8.self)
        guard ["RIFF", "RIFX", "RF64"].contains(magic) else { return .failure(.notWAV) }
        guard String(decoding: head[8..<12], as: UTF8.self) == "WAVE" else { return .failure(.notWAV) }
        let bigEndian = magic == "RIFX"
        var offset: Int64 = 12
        var ds64DataLength: Int64?
        var ds64Offset: Int64?
        while offset <= maximumHeaderBytes {
            let chunk = stream.peek(at: offset, count: 8)
            guard chunk.count == 8 else { return .failure(.truncated) }
            let id = String(decoding: chunk[0..<4], as: UTF8.self)
            let size = Int64(readUInt32(chunk, at: 4, bigEndian: bigEndian))
            if id == "ds64" {
                let body = stream.peek(at: offset + 8, count: 16)
                guard body.count == 16 else { return .failure(.truncated) }
                // ds64 body: RIFF size (8 bytes LE), then data size (8 bytes LE).
                let low = UInt64(readUInt32(body, at: 8, bigEndian: false))
                let high = UInt64(readUInt32(body, at: 12, bigEndian: false))
                ds64DataLength = Int64(truncatingIfNeeded: high << 32 | low)
                ds64Offset = offset
            }
            if id == "data" {
                var length = size
                if magic == "RF64", size == unknownLength, let ds64DataLength, let ds64Offset {
                    if ds64DataLength > 0 {
                        length = ds64DataLength
                    } else {
                        // Streamed RF64 (ffmpeg on a pipe) leaves the ds64 sizes 0: declare a huge
                        // RIFF and data size so libsndfile reads until the stream ends.
                        let huge = withUnsafeBytes(of: UInt64(unknownRF64Length).littleEndian) { Array($0) }
                        stream.patch(at: ds64Offset + 8, bytes: huge)
                        stream.patch(at: ds64Offset + 16, bytes: huge)
                        length = unknownRF64Length
                    }
                } else if size == 0 {
                    stream.patch(at: offset + 4, bytes: [0xFF, 0xFF, 0xFF, 0xFF])
                    length = unknownLength
                }
                return .success(WAVStreamLayout(dataOffset: offset + 8, dataLengthBytes: length))
            }
            offset += 8 + size + (size & 1)
        }
        return .failure(.headerTooLarge)
    }

    enum ScanFailure: Error, Equatable {
        case notWAV
        case truncated
        case headerTooLarge

        var reason: String {
            switch self {
            case .notWAV: return "not a RIFF/RIFX/RF64 WAVE stream"
            case .truncated: return "the WAV header is truncated (stream ended before the 'data' chunk)"
            case .headerTooLarge:
                return "no 'data' chunk within the first \(WAVStreamLayout.maximumHeaderBytes) bytes"
            }
        }
    }

    private static func readUInt32(_ bytes: [UInt8], at index: Int, bigEndian: Bool) -> UInt32 {
        let b = (0..<4).map { UInt32(bytes[index + $0]) }
        return bigEndian
            ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]
            : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
    }
}
