import CZlib

/// Streaming gzip decompression (zlib's `inflate` with automatic gzip/zlib header detection,
/// windowBits 15 + 32) of a ``RawByteSource``. Concatenated gzip members are read one after
/// the other, as `gzip -d` does. Memory: one 256 KiB input chunk and zlib's 32 KiB window.
final class Gunzip {
    /// Compressed bytes read per refill.
    static let inputChunkBytes = 256 * 1024

    private let source: RawByteSource
    private let stream: UnsafeMutablePointer<z_stream>
    /// Compressed input; zlib keeps a pointer into it between calls, hence manual allocation.
    private let input: UnsafeMutableRawBufferPointer
    /// Whether `inflateInit2_` succeeded (and `inflateEnd` is owed).
    private var initialized = false
    private var sourceEnded = false
    /// The current member ended and no input is left: the end of the data.
    private var finished = false
    /// Decompressed bytes produced so far (for error offsets).
    private(set) var produced: Int64 = 0

    init(source: RawByteSource) throws(CaptureError) {
        self.source = source
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.inputChunkBytes, alignment: 16)
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        // Every stored property is set: on a throw `deinit` runs and frees the memory.
        guard status == Z_OK else {
            throw .malformed(path: source.name, offset: 0, reason: "zlib initialisation failed (\(status))")
        }
        initialized = true
    }

    deinit {
        if initialized { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    /// Decompresses into `buffer`; returns the bytes written, 0 at the end of the data (a
    /// stream cut short also ends: the reader then counts a truncated record).
    /// - Throws: ``CaptureError/malformed(path:offset:reason:)`` for corrupt compressed data.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CaptureError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var written = 0
        while written < buffer.count, !finished {
            if stream.pointee.avail_in == 0 {
                if sourceEnded { break }
                try refill()
                if stream.pointee.avail_in == 0 { break }
            }
            let space = min(buffer.count - written, Int(UInt32.max))
            stream.pointee.next_out = (base + written).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = uInt(space)
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = space - Int(stream.pointee.avail_out)
            written += produced
            self.produced += Int64(produced)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                // Another member may follow (concatenated gzip files).
                if stream.pointee.avail_in == 0 && !sourceEnded { try refill() }
                if stream.pointee.avail_in > 0 {
                    inflateReset(stream)
                } else {
                    finished = true
                }
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw .malformed(path: source.name, offset: self.produced, reason: "gzip data: \(message)")
            }
        }
        return written
    }

    private func refill() throws(CaptureError) {
        let count = try source.read(into: input)
        if count == 0 { sourceEnded = true }
        stream.pointee.next_in = input.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_in = uInt(count)
    }
}
