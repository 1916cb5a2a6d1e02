/// The decompressed capture as a sliding window over one buffer: `ensure(_:)` makes the next
/// bytes contiguous, refilling from the file (or gzip) in chunks of ``chunkBytes``, and
/// `consume(_:)` moves past them. Memory is one chunk, or one record when a record is larger
/// (at most ``CaptureLimits/maxRecordBytes``), never the file's length. An in-memory capture
/// that is not compressed is read in place.
struct ByteInput {
    /// Bytes read from the file per refill.
    static let chunkBytes = 1 << 20

    private enum Refill {
        /// Everything is in `bytes` already.
        case none
        case file(RawByteSource)
        case gzip(Gunzip)
    }

    /// The buffer; valid bytes are `start..<end`. Record data returned to the caller are
    /// slices of it, valid until the next `ensure`.
    private(set) var bytes: [UInt8]
    /// First unconsumed byte.
    private(set) var start = 0
    /// End of the valid bytes.
    private(set) var end: Int
    private let refill: Refill
    private var sourceEnded: Bool
    /// Stream position of `bytes[0]` (decompressed), for error offsets.
    private var bufferOffset: Int64 = 0
    /// Name for errors.
    let name: String

    /// Reads `source`, inflating it when it starts with the gzip magic (1f 8b).
    init(source: RawByteSource) throws(CaptureError) {
        name = source.name
        let magic = source.peek(2)
        let compressed = magic == [0x1f, 0x8b]
        if !compressed, let memory = source.memoryBytes {
            bytes = memory
            end = memory.count
            refill = .none
            sourceEnded = true
            return
        }
        bytes = [UInt8](repeating: 0, count: Self.chunkBytes)
        end = 0
        refill = compressed ? .gzip(try Gunzip(source: source)) : .file(source)
        sourceEnded = false
    }

    /// Unconsumed bytes in the buffer.
    var available: Int { end - start }

    /// Stream offset of the next unconsumed byte.
    var offset: Int64 { bufferOffset + Int64(start) }

    /// Whether `count` bytes from `start` are in the buffer, reading more if needed. False only
    /// at the end of the data.
    @inline(__always)
    mutating func ensure(_ count: Int) throws(CaptureError) -> Bool {
        if end - start >= count { return true }
        return try fill(count)
    }

    private mutating func fill(_ count: Int) throws(CaptureError) -> Bool {
        if sourceEnded { return false }
        // Move the unconsumed tail to the front, grow if one record needs more than the buffer.
        let tail = end - start
        if start > 0 {
            if tail > 0 {
                let from = start
                bytes.withUnsafeMutableBytes { buffer in
                    guard let base = buffer.baseAddress else { return }
                    base.copyMemory(from: base + from, byteCount: tail)
                }
            }
            bufferOffset += Int64(start)
            start = 0
            end = tail
        }
        while end < count {
            if end == bytes.count {
                // A record larger than the buffer: grow by doubling as its bytes arrive (a
                // length field alone never allocates 64 MiB for a file that ends sooner).
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, count - bytes.count)))
            }
            let from = end
            var failure: CaptureError?
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                let space = UnsafeMutableRawBufferPointer(rebasing: buffer[from...])
                do throws(CaptureError) {
                    switch refill {
                    case .none: return 0
                    case .file(let source): return try source.read(into: space)
                    case .gzip(let gunzip): return try gunzip.read(into: space)
                    }
                } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw failure }
            if got == 0 {
                sourceEnded = true
                return false
            }
            end += got
        }
        return true
    }

    /// Moves past `count` bytes (the caller ensured them).
    @inline(__always)
    mutating func consume(_ count: Int) {
        start += count
    }

    /// Drops whatever is left (at a truncated final record).
    mutating func consumeAll() {
        start = end
    }

    /// Little- or big-endian 32-bit value at buffer index `index` (the caller ensured 4 bytes).
    @inline(__always)
    func uint32(at index: Int, bigEndian: Bool) -> UInt32 {
        bytes.uint32(at: index, bigEndian: bigEndian)
    }

    /// 16-bit value at buffer index `index` (the caller ensured 2 bytes).
    @inline(__always)
    func uint16(at index: Int, bigEndian: Bool) -> UInt16 {
        bytes.uint16(at: index, bigEndian: bigEndian)
    }
}
