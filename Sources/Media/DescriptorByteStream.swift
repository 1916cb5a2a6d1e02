import Glibc

/// A buffered reader of a (possibly non-seekable) file descriptor with a logical position.
///
/// Pipes cannot seek, but libsndfile seeks while parsing a header. This stream keeps every byte
/// it has read until `allowDiscard()` is called (after the header is parsed), so backward seeks
/// into the header work; forward seeks are lazy and skip bytes only when a read happens there.
/// Not thread-safe: owned by one `AudioFileReader`.
final class DescriptorByteStream {
    let fileDescriptor: Int32
    /// Logical offset of `buffer[0]` in the stream.
    private var bufferStart: Int64 = 0
    private var buffer: [UInt8] = []
    /// Logical read position (may be past the buffered bytes after a lazy forward seek).
    var position: Int64 = 0
    private(set) var reachedEnd = false
    /// `errno` of the first failed read(2), if any; the stream reports end of file after it.
    private(set) var readErrno: Int32 = 0
    private var discardAllowed = false

    /// Bytes fetched per read(2) call; small enough to keep latency low on live pipes.
    private static let chunkBytes = 16 * 1024
    /// Consumed bytes are dropped once this many accumulate (after `allowDiscard()`).
    private static let compactThresholdBytes = 64 * 1024

    init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// Logical offset one past the last byte buffered so far.
    var bufferedEnd: Int64 { bufferStart + Int64(buffer.count) }

    /// From now on, bytes before `position` may be freed: the header parse is over.
    func allowDiscard() { discardAllowed = true }

    /// Reads from the descriptor until `end` is buffered or the stream ends.
    private func fill(upTo end: Int64) {
        var chunk = [UInt8](repeating: 0, count: Self.chunkBytes)
        while bufferedEnd < end, !reachedEnd {
            let got = chunk.withUnsafeMutableBytes { raw in
                Glibc.read(fileDescriptor, raw.baseAddress, raw.count)
            }
            if got > 0 {
                buffer.append(contentsOf: chunk[0..<got])
            } else if got == 0 {
                reachedEnd = true
            } else if errno != EINTR {
                readErrno = errno
                reachedEnd = true
            }
        }
    }

    /// Returns up to `count` bytes from `offset` without moving `position` (for sniffing).
    func peek(at offset: Int64, count: Int) -> [UInt8] {
        guard offset >= bufferStart, count > 0 else { return [] }
        fill(upTo: offset + Int64(count))
        let from = Int(offset - bufferStart)
        guard from < buffer.count else { return [] }
        return Array(buffer[from..<min(buffer.count, from + count)])
    }

    /// Overwrites already-buffered bytes (used to fix a streamed WAV header before parsing).
    func patch(at offset: Int64, bytes: [UInt8]) {
        for (index, byte) in bytes.enumerated() {
            let at = Int(offset - bufferStart) + index
            if at >= 0, at < buffer.count { buffer[at] = byte }
        }
    }

    /// Copies up to `count` bytes at `position` into `destination`, advancing `position`.
    /// Returns the number of bytes copied: short only at end of stream, 0 when `position` lies
    /// before already-discarded data.
    func read(into destination: UnsafeMutableRawPointer, count: Int) -> Int {
        guard count > 0, position >= bufferStart else { return 0 }
        fill(upTo: position + Int64(count))
        let from = Int(position - bufferStart)
        guard from < buffer.count else { return 0 }
        let copied = min(count, buffer.count - from)
        buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            destination.copyMemory(from: base + from, byteCount: copied)
        }
        position += Int64(copied)
        compactIfUseful()
        return copied
    }

    /// Reads up to `count` bytes at `position` as an array.
    func read(count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: max(0, count))
        let got = out.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            return read(into: base, count: raw.count)
        }
        out.removeSubrange(got...)
        return out
    }

    private func compactIfUseful() {
        guard discardAllowed else { return }
        let consumed = Int(position - bufferStart)
        guard consumed >= Self.compactThresholdBytes else { return }
        let drop = min(consumed, buffer.count)
        buffer.removeFirst(drop)
        bufferStart += Int64(drop)
    }
}
